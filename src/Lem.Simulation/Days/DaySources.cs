using System.Text.Json;

namespace Lem.Simulation.Days;

/// <summary>
/// The registry of day-source readers (docs/simulation.md#day-sources). <see cref="Open"/> parses the file's JSON once
/// and hands it to the first registered reader that accepts it; the scenario reader is built in, and another reader
/// (e.g. a synthetic community: a JSON file with a <c>"synthetic"</c> key) registers with one line.
/// </summary>
public static class DaySources
{
    private static readonly List<IDaySourceReader> Readers = [];

    static DaySources()
    {
        Register(new ScenarioDaySourceReader());
        Register(new Synthetic.SyntheticDaySourceReader());
    }

    /// <summary>The registered readers' names in order.</summary>
    public static IReadOnlyList<string> Names
    {
        get
        {
            lock (Readers)
            {
                return [.. Readers.Select(r => r.Name)];
            }
        }
    }

    /// <summary>
    /// Registers a reader (a second reader of one name is ignored). Readers registered later are asked first, so a
    /// specific format (one with a marker key) wins over the general scenario reader.
    /// </summary>
    public static void Register(IDaySourceReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        lock (Readers)
        {
            if (!Readers.Any(r => r.Name == reader.Name))
            {
                Readers.Insert(0, reader);
            }
        }
    }

    /// <summary>Opens <paramref name="path"/> with the first reader that accepts it; every problem comes back in the result.</summary>
    public static DaySourceLoad Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            return new DaySourceLoad(null, [new ValidationError(path, ValidationCodes.FileMissing, $"The file '{path}' does not exist.")]);
        }

        IDaySourceReader[] readers;
        lock (Readers)
        {
            readers = [.. Readers];
        }

        try
        {
            using var stream = File.OpenRead(path);
            using var doc = JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            foreach (var r in readers)
            {
                if (r.CanRead(doc.RootElement))
                {
                    return r.Read(path);
                }
            }
        }
        catch (JsonException ex)
        {
            // The scenario reader reports malformed JSON with its line and position.
            _ = ex;
            return readers[^1].Read(path);
        }
        catch (IOException ex)
        {
            return new DaySourceLoad(null, [new ValidationError(path, ValidationCodes.FileMissing, $"The file '{path}' cannot be read: {ex.Message}")]);
        }

        return new DaySourceLoad(null, [new ValidationError(Path.GetFileName(path), "source.unknown_format", $"No day-source reader accepts this file; known: {string.Join(", ", Names)}.")]);
    }
}
