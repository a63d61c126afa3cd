namespace Lem.Reports;

/// <summary>
/// A folder written by a run (<c>lem run</c>, <c>lem simulate</c>, <c>lem compare</c>, <c>lem allocate</c>, <c>lem flex</c> with <c>--out</c>): the report
/// builder reads only its files (docs/reports.md#one-path). A folder is a run folder when it holds <c>summary.json</c>
/// or <c>compare.json</c>.
/// </summary>
public sealed class RunFolder
{
    /// <summary>The files whose presence marks a run folder.</summary>
    public static readonly IReadOnlyList<string> MarkerFiles = ["summary.json", "compare.json"];

    private readonly Dictionary<string, CsvTable> csv = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonElement?> json = new(StringComparer.Ordinal);

    private RunFolder(string path) => Path = path;

    /// <summary>The folder's path.</summary>
    public string Path { get; }

    /// <summary>Opens a run folder, or returns the problem (missing folder, no marker file, unreadable summary).</summary>
    public static (RunFolder? Folder, string? Problem) Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!Directory.Exists(path))
        {
            return (null, $"'{path}' is not a folder.");
        }

        if (!MarkerFiles.Any(f => File.Exists(System.IO.Path.Combine(path, f))))
        {
            return (null, $"'{path}' is not a run folder: it has neither {string.Join(" nor ", MarkerFiles)} (write one with lem run/simulate/compare/allocate/flex --out).");
        }

        var folder = new RunFolder(path);
        foreach (var marker in MarkerFiles.Where(folder.Has))
        {
            if (folder.Json(marker) is null)
            {
                return (null, $"'{System.IO.Path.Combine(path, marker)}' is not valid JSON.");
            }
        }

        return (folder, null);
    }

    /// <summary>Whether the folder has <paramref name="file"/> (a relative path).</summary>
    public bool Has(string file) => File.Exists(System.IO.Path.Combine(Path, file));

    /// <summary>The CSV file <paramref name="file"/> (read once).</summary>
    public CsvTable Csv(string file)
    {
        if (!csv.TryGetValue(file, out var table))
        {
            table = CsvTable.Read(System.IO.Path.Combine(Path, file));
            csv[file] = table;
        }

        return table;
    }

    /// <summary>The root of the JSON file <paramref name="file"/>, or null when it is missing or not JSON.</summary>
    public JsonElement? Json(string file)
    {
        if (!json.TryGetValue(file, out var root))
        {
            root = null;
            if (Has(file))
            {
                try
                {
                    using var doc = JsonDocument.Parse(File.ReadAllText(System.IO.Path.Combine(Path, file)));
                    root = doc.RootElement.Clone();
                }
                catch (JsonException)
                {
                    root = null;
                }
            }

            json[file] = root;
        }

        return root;
    }

    /// <summary>A string field of <c>summary.json</c>, or null.</summary>
    public string? SummaryText(string field) =>
        Json("summary.json") is { ValueKind: JsonValueKind.Object } s && s.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>A number field of <c>summary.json</c>, or null.</summary>
    public double? SummaryNumber(string field) =>
        Json("summary.json") is { ValueKind: JsonValueKind.Object } s && s.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    /// <summary>
    /// Where a figure's data comes from, for its title: "scenario, mechanism, grid" from <c>summary.json</c>
    /// (the simulation's source and mechanism; the comparison's source), or the folder's name.
    /// </summary>
    public string Where()
    {
        var parts = new List<string>();
        if (Json("summary.json") is { ValueKind: JsonValueKind.Object } s)
        {
            foreach (var field in new[] { "scenario", "source", "mechanism", "grid" })
            {
                if (s.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.String && !string.IsNullOrEmpty(v.GetString()))
                {
                    parts.Add(field == "grid" ? $"grid {v.GetString()}" : v.GetString()!);
                }
            }
        }
        else if (Json("compare.json") is { ValueKind: JsonValueKind.Object } c && c.TryGetProperty("source", out var src) && src.ValueKind == JsonValueKind.String)
        {
            parts.Add(src.GetString()!);
        }

        return parts.Count > 0 ? string.Join(", ", parts) : System.IO.Path.GetFileName(System.IO.Path.TrimEndingDirectorySeparator(Path));
    }

    /// <summary>The slot length in minutes from <c>summary.json</c> (default 60).</summary>
    public double SlotMinutes => SummaryNumber("slot_minutes") ?? 60;

    /// <summary>The first slot's start from <c>prices.csv</c> or <c>summary.json</c>, for axis labels ("" when unknown).</summary>
    public string StartLabel()
    {
        if (Has("prices.csv"))
        {
            var p = Csv("prices.csv");
            if (p.Rows.Count > 0 && p.Has("time"))
            {
                return p.Text(0, "time");
            }
        }

        return string.Empty;
    }
}
