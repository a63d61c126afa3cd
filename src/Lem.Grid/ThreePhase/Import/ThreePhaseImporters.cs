using Lem.Domain.Validation;

namespace Lem.Grid.ThreePhase.Import;

/// <summary>
/// The registry of three-phase network readers (docs/three-phase.md, "Import"). Built-ins are registered in the
/// static constructor, one line each; other layers add theirs with <see cref="Register"/>.
/// </summary>
public static class ThreePhaseImporters
{
    private static readonly List<IThreePhaseNetworkReader> Readers = [];
    private static readonly Lock Gate = new();

    static ThreePhaseImporters()
    {
        Register(new PgmJsonReader());
        Register(new PandapowerThreePhaseReader());
    }

    /// <summary>The registered formats, in registration order.</summary>
    public static IReadOnlyList<string> Formats
    {
        get
        {
            lock (Gate)
            {
                return [.. Readers.Select(r => r.Format)];
            }
        }
    }

    /// <summary>Registers a reader; a reader of the same format replaces the earlier one.</summary>
    public static void Register(IThreePhaseNetworkReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        lock (Gate)
        {
            Readers.RemoveAll(r => string.Equals(r.Format, reader.Format, StringComparison.OrdinalIgnoreCase));
            Readers.Add(reader);
        }
    }

    /// <summary>Reads <paramref name="path"/> with the reader of <paramref name="format"/>, or the first that recognises it when null.</summary>
    public static ThreePhaseImportResult Import(string path, string? format = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        IThreePhaseNetworkReader? reader;
        lock (Gate)
        {
            reader = format is null
                ? Readers.FirstOrDefault(r => r.CanRead(path))
                : Readers.FirstOrDefault(r => string.Equals(r.Format, format, StringComparison.OrdinalIgnoreCase));
        }

        if (reader is null)
        {
            var message = format is null
                ? $"'{path}' is not a three-phase network this version reads ({string.Join(", ", Formats)})."
                : $"Unknown three-phase format '{format}'; known: {string.Join(", ", Formats)}.";
            return new ThreePhaseImportResult(null, [new ValidationError(path, format is null ? ValidationCodes.FileMalformed : ValidationCodes.ValueInvalid, message)], []);
        }

        return reader.Read(path);
    }
}
