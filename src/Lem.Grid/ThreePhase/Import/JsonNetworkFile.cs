using Lem.Domain.Validation;

namespace Lem.Grid.ThreePhase.Import;

/// <summary>File handling shared by the JSON three-phase readers: sniffing a file's head and reading it whole.</summary>
internal static class JsonNetworkFile
{
    /// <summary>True when <paramref name="path"/> is a .json file whose first bytes contain every one of <paramref name="markers"/>.</summary>
    public static bool HeadContains(string path, params string[] markers)
    {
        if (!File.Exists(path) || !path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        try
        {
            using var stream = File.OpenRead(path);
            var head = new byte[4096];
            var read = stream.Read(head, 0, head.Length);
            var text = System.Text.Encoding.UTF8.GetString(head, 0, read);
            return markers.All(m => text.Contains(m, StringComparison.Ordinal));
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Reads the file and parses it with <paramref name="parse"/>; an unreadable file is one error. The network remembers its path.</summary>
    public static ThreePhaseNetworkImport Read(string path, Func<string, ThreePhaseNetworkImport> parse)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new ThreePhaseNetworkImport(null, [new ValidationError(path, ValidationCodes.FileMissing, $"'{path}' cannot be read: {ex.Message}")], []);
        }

        var result = parse(text);
        return result.Network is { } network ? result with { Network = network with { SourcePath = Path.GetFullPath(path) } } : result;
    }
}
