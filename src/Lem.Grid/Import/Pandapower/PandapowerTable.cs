using System.Globalization;
using System.Text.Json;

namespace Lem.Grid.Import.Pandapower;

/// <summary>
/// One pandapower table (a pandas DataFrame stored in split orientation: columns, index, data), with typed cell
/// access that treats JSON null as missing (NaN for numbers).
/// </summary>
internal sealed class PandapowerTable(string name, string displayName, Dictionary<string, int> columns, string[] index, JsonElement[][] rows)
{
    private readonly Dictionary<string, int> _columns = columns;
    private readonly JsonElement[][] _rows = rows;
    private readonly string[] _index = index;

    public string Name { get; } = name;

    public string DisplayName { get; } = displayName;

    public int RowCount => _rows.Length;

    public static PandapowerTable Empty(string name, string displayName) => new(name, displayName, [], [], []);

    /// <summary>Reads a split-orientation DataFrame; problems are reported and null returned.</summary>
    public static PandapowerTable? Parse(string name, string displayName, JsonElement split, ImportDiagnostics diagnostics)
    {
        var path = $"{displayName}:$.{name}";
        if (split.ValueKind != JsonValueKind.Object)
        {
            diagnostics.Error(path, Lem.Domain.Validation.ValidationCodes.FileMalformed, $"The table '{name}' is not a DataFrame in split orientation (an object with columns, index and data).");
            return null;
        }

        if (!split.TryGetProperty("columns", out var columnsElement) || columnsElement.ValueKind != JsonValueKind.Array ||
            !split.TryGetProperty("data", out var dataElement) || dataElement.ValueKind != JsonValueKind.Array)
        {
            diagnostics.Error(path, Lem.Domain.Validation.ValidationCodes.FileMalformed, $"The table '{name}' lacks the 'columns' or 'data' array of a DataFrame in split orientation.");
            return null;
        }

        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        var k = 0;
        foreach (var c in columnsElement.EnumerateArray())
        {
            var columnName = c.ValueKind == JsonValueKind.String ? c.GetString()! : c.GetRawText();
            columns.TryAdd(columnName, k);
            k++;
        }

        var columnCount = k;
        var rows = new List<JsonElement[]>();
        var index = new List<string>();
        var hasIndex = split.TryGetProperty("index", out var indexElement) && indexElement.ValueKind == JsonValueKind.Array;
        var indexValues = hasIndex ? indexElement.EnumerateArray().Select(IdText).ToList() : [];
        var r = 0;
        var ok = true;
        foreach (var row in dataElement.EnumerateArray())
        {
            var id = r < indexValues.Count ? indexValues[r] ?? r.ToString(CultureInfo.InvariantCulture) : r.ToString(CultureInfo.InvariantCulture);
            if (row.ValueKind != JsonValueKind.Array || row.GetArrayLength() != columnCount)
            {
                diagnostics.Error(
                    $"{path}[{id}]",
                    Lem.Domain.Validation.ValidationCodes.FileMalformed,
                    $"Row {id} of table '{name}' does not have one value for each of its {columnCount} columns.");
                ok = false;
            }
            else
            {
                rows.Add(row.EnumerateArray().ToArray());
                index.Add(id);
            }

            r++;
        }

        if (hasIndex && indexValues.Count != r)
        {
            diagnostics.Error(path, Lem.Domain.Validation.ValidationCodes.FileMalformed, $"The table '{name}' has {indexValues.Count} index entries but {r} data rows.");
            ok = false;
        }

        return ok ? new PandapowerTable(name, displayName, columns, [.. index], [.. rows]) : null;
    }

    /// <summary>The text of an id value: whole numbers without a decimal point, strings as they are.</summary>
    public static string? IdText(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number when e.TryGetInt64(out var l) => l.ToString(CultureInfo.InvariantCulture),
        JsonValueKind.Number when e.GetDouble() is var d && d == Math.Floor(d) && Math.Abs(d) < 1e15 => ((long)d).ToString(CultureInfo.InvariantCulture),
        JsonValueKind.Number => e.GetDouble().ToString("R", CultureInfo.InvariantCulture),
        JsonValueKind.String => e.GetString(),
        _ => null,
    };

    public bool Has(string column) => _columns.ContainsKey(column);

    public string Id(int row) => _index[row];

    public string Path(int row, string column) => $"{DisplayName}:$.{Name}[{_index[row]}].{column}";

    public string RowPath(int row) => $"{DisplayName}:$.{Name}[{_index[row]}]";

    public JsonElement? Cell(int row, string column) => _columns.TryGetValue(column, out var c) ? _rows[row][c] : null;

    /// <summary>The number in a cell; NaN when the column is absent, the cell is null or not a number.</summary>
    public double Number(int row, string column)
    {
        if (Cell(row, column) is not { } e)
        {
            return double.NaN;
        }

        return e.ValueKind switch
        {
            JsonValueKind.Number => e.GetDouble(),
            JsonValueKind.True => 1.0,
            JsonValueKind.False => 0.0,
            JsonValueKind.String when double.TryParse(e.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
            _ => double.NaN,
        };
    }

    /// <summary>True when the cell holds something that is neither null nor a number.</summary>
    public bool IsNonNumeric(int row, string column) =>
        Cell(row, column) is { } e && e.ValueKind is not (JsonValueKind.Number or JsonValueKind.Null or JsonValueKind.True or JsonValueKind.False)
        && !(e.ValueKind == JsonValueKind.String && double.TryParse(e.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out _));

    /// <summary>The boolean in a cell; null when absent or null.</summary>
    public bool? Bool(int row, string column)
    {
        if (Cell(row, column) is not { } e)
        {
            return null;
        }

        return e.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => e.GetDouble() != 0,
            JsonValueKind.String when bool.TryParse(e.GetString(), out var b) => b,
            _ => null,
        };
    }

    /// <summary>The text of a cell (numbers formatted invariantly); null when absent, null or empty.</summary>
    public string? Text(int row, string column)
    {
        if (Cell(row, column) is not { } e)
        {
            return null;
        }

        var text = e.ValueKind switch
        {
            JsonValueKind.String => e.GetString(),
            JsonValueKind.Number => IdText(e),
            JsonValueKind.True => "True",
            JsonValueKind.False => "False",
            _ => null,
        };
        return string.IsNullOrEmpty(text) ? null : text;
    }
}
