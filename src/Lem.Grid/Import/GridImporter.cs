using Lem.Domain.Validation;
using Lem.Grid.Import.Matpower;
using Lem.Grid.Import.Pandapower;

namespace Lem.Grid.Import;

/// <summary>
/// Reads MATPOWER case files and pandapower JSON networks into a <see cref="Network.GridNetwork"/>.
/// Never throws for bad file content: every problem is returned as a <see cref="ValidationError"/>.
/// </summary>
public static class GridImporter
{
    /// <summary>The largest file the importer reads, in bytes (256 MiB).</summary>
    public const long MaxFileBytes = 256L * 1024 * 1024;

    /// <summary>Imports the grid file at <paramref name="path"/>; the format is taken from the extension or content when <see cref="GridFileFormat.Auto"/>.</summary>
    /// <exception cref="ArgumentException">When <paramref name="path"/> is null or empty.</exception>
    public static GridImportResult Import(string path, GridFileFormat format = GridFileFormat.Auto)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var displayName = Path.GetFileName(path);
        if (string.IsNullOrEmpty(displayName))
        {
            displayName = path;
        }

        FileInfo info;
        try
        {
            info = new FileInfo(path);
            if (!info.Exists)
            {
                return Failure(displayName, ValidationCodes.FileMissing, $"The grid file '{path}' does not exist.");
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return Failure(displayName, ValidationCodes.FileMissing, $"The grid file '{path}' cannot be opened: {ex.Message}");
        }

        if (info.Length > MaxFileBytes)
        {
            return Failure(
                displayName,
                ValidationCodes.SizeLimit,
                $"The grid file is {info.Length / (1024.0 * 1024.0):F1} MiB; files larger than {MaxFileBytes / (1024 * 1024)} MiB are refused.");
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Failure(displayName, ValidationCodes.FileMissing, $"The grid file '{path}' cannot be read: {ex.Message}");
        }

        return ImportCore(text, displayName, FromExtension(format, path), Path.GetFullPath(path));
    }

    /// <summary>Imports grid text; <paramref name="displayName"/> names the source in error locations (for example <c>case9.m</c>).</summary>
    /// <exception cref="ArgumentException">When <paramref name="text"/> or <paramref name="displayName"/> is null.</exception>
    public static GridImportResult ImportText(string text, string displayName, GridFileFormat format = GridFileFormat.Auto)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException.ThrowIfNullOrEmpty(displayName);
        return ImportCore(text, displayName, FromExtension(format, displayName), null);
    }

    // An automatic format taken from the name's extension (.m MATPOWER, .json pandapower); Auto again when it says nothing.
    private static GridFileFormat FromExtension(GridFileFormat format, string name) =>
        format != GridFileFormat.Auto
            ? format
            : Path.GetExtension(name).ToLowerInvariant() switch
            {
                ".m" => GridFileFormat.Matpower,
                ".json" => GridFileFormat.Pandapower,
                _ => GridFileFormat.Auto,
            };

    private static GridImportResult ImportCore(string text, string displayName, GridFileFormat format, string? sourcePath)
    {
        if ((long)text.Length * sizeof(char) > 2 * MaxFileBytes)
        {
            return Failure(displayName, ValidationCodes.SizeLimit, $"The grid text is larger than {MaxFileBytes / (1024 * 1024)} MiB; it is refused.");
        }

        if (format == GridFileFormat.Auto)
        {
            format = Sniff(text);
            if (format == GridFileFormat.Auto)
            {
                return Failure(
                    displayName,
                    ValidationCodes.FileMalformed,
                    "The grid format cannot be determined: expected a MATPOWER case file (.m) or a pandapower JSON file (.json).");
            }
        }

        var (result, source) = format == GridFileFormat.Matpower
            ? (MatpowerReader.Read(text, displayName), GridSourceFormat.Matpower)
            : (PandapowerReader.Read(text, displayName), GridSourceFormat.Pandapower);

        // Where the network came from is said here once; the readers build only what the file holds.
        return result.Network is { } network
            ? result with { Network = network with { SourceFormat = source, SourcePath = sourcePath } }
            : result;
    }

    private static GridFileFormat Sniff(string text)
    {
        var trimmed = text.AsSpan().TrimStart();
        if (trimmed.Length > 0 && trimmed[0] == '{')
        {
            return GridFileFormat.Pandapower;
        }

        if (text.Contains("mpc.", StringComparison.Ordinal) || text.Contains("function", StringComparison.Ordinal))
        {
            return GridFileFormat.Matpower;
        }

        return GridFileFormat.Auto;
    }

    private static GridImportResult Failure(string path, string code, string message) =>
        new(null, [new ValidationError(path, code, message)], []);
}
