using Lem.Domain.Validation;

namespace Lem.Grid.ThreePhase.Import;

/// <summary>
/// The one registry of three-phase network formats (docs/three-phase.md, "Import"): <c>lem pf</c> asks it whether a
/// path is a three-phase network and reads it; tests and tools read a file in a named format. Built-ins are registered
/// in the static constructor, one line each; other layers add theirs with <see cref="Register"/>.
/// </summary>
public static class ThreePhaseImporters
{
    private static readonly List<IThreePhaseNetworkImporter> Registered = [];
    private static readonly Lock Gate = new();

    static ThreePhaseImporters()
    {
        Register(new IeeeEuropeanLv.IeeeEuropeanLvImporter());
        Register(new PgmJsonReader());
        Register(new PandapowerThreePhaseReader());
    }

    /// <summary>The registered formats, in registration order.</summary>
    public static IReadOnlyList<IThreePhaseNetworkImporter> All
    {
        get
        {
            lock (Gate)
            {
                return [.. Registered];
            }
        }
    }

    /// <summary>The names of the registered formats, in registration order.</summary>
    public static IReadOnlyList<string> Formats => [.. All.Select(i => i.Name)];

    /// <summary>Adds a format; a format of the same name (case-insensitive) is replaced.</summary>
    public static void Register(IThreePhaseNetworkImporter importer)
    {
        ArgumentNullException.ThrowIfNull(importer);
        lock (Gate)
        {
            Registered.RemoveAll(i => string.Equals(i.Name, importer.Name, StringComparison.OrdinalIgnoreCase));
            Registered.Add(importer);
        }
    }

    /// <summary>The first registered format that recognises <paramref name="path"/>, or null.</summary>
    public static IThreePhaseNetworkImporter? Find(string path) => All.FirstOrDefault(i => i.Recognises(path));

    /// <summary>The format named <paramref name="name"/> (case-insensitive), or null.</summary>
    public static IThreePhaseNetworkImporter? ByName(string name) =>
        All.FirstOrDefault(i => string.Equals(i.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Reads <paramref name="path"/> in <paramref name="format"/>, or in the first format that recognises it when
    /// null; an unknown format or an unrecognised path is an error naming the known formats.
    /// </summary>
    public static ThreePhaseNetworkImport Import(string path, string? format = null, ThreePhaseImportOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var importer = format is null ? Find(path) : ByName(format);
        if (importer is null)
        {
            var message = format is null
                ? $"'{path}' is not a three-phase network this version reads ({string.Join(", ", Formats)})."
                : $"Unknown three-phase format '{format}'; known: {string.Join(", ", Formats)}.";
            return new ThreePhaseNetworkImport(null, [new ValidationError(path, format is null ? ValidationCodes.FileMalformed : ValidationCodes.ValueInvalid, message)], []);
        }

        return importer.Read(path, options ?? ThreePhaseImportOptions.Default);
    }
}
