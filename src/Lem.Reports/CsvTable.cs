namespace Lem.Reports;

/// <summary>
/// A CSV file a run wrote (comma-separated, first line the header, invariant culture; a field may be double-quoted with
/// <c>""</c> for a quote). Columns are looked up by name; a missing column or an unparsable number reads as <see cref="double.NaN"/>.
/// </summary>
public sealed class CsvTable
{
    private readonly Dictionary<string, int> index;

    private CsvTable(IReadOnlyList<string> columns, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        Columns = columns;
        Rows = rows;
        index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < columns.Count; i++)
        {
            index.TryAdd(columns[i], i);
        }
    }

    /// <summary>The header's column names.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The data rows (fields as written).</summary>
    public IReadOnlyList<IReadOnlyList<string>> Rows { get; }

    /// <summary>Whether the header names <paramref name="column"/>.</summary>
    public bool Has(string column) => index.ContainsKey(column);

    /// <summary>The text of <paramref name="column"/> in row <paramref name="row"/> (empty when the column is missing).</summary>
    public string Text(int row, string column) =>
        index.TryGetValue(column, out var i) && i < Rows[row].Count ? Rows[row][i] : string.Empty;

    /// <summary>The number in <paramref name="column"/> of row <paramref name="row"/>, or NaN.</summary>
    public double Number(int row, string column) =>
        double.TryParse(Text(row, column), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN;

    /// <summary>The numbers of <paramref name="column"/> in row order (NaN where missing or not a number).</summary>
    public double[] Numbers(string column) => [.. Enumerable.Range(0, Rows.Count).Select(i => Number(i, column))];

    /// <summary>The texts of <paramref name="column"/> in row order.</summary>
    public string[] Texts(string column) => [.. Enumerable.Range(0, Rows.Count).Select(i => Text(i, column))];

    /// <summary>Parses CSV text.</summary>
    public static CsvTable Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split('\n');
        var records = new List<IReadOnlyList<string>>();
        foreach (var raw in lines)
        {
            var line = raw.TrimEnd('\r');
            if (line.Length > 0)
            {
                records.Add(Split(line));
            }
        }

        return records.Count == 0 ? new CsvTable([], []) : new CsvTable(records[0], records.Skip(1).ToList());
    }

    /// <summary>Reads a CSV file.</summary>
    public static CsvTable Read(string path) => Parse(File.ReadAllText(path));

    private static List<string> Split(string line)
    {
        var fields = new List<string>();
        var sb = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    sb.Append('"');
                    i++;
                }
                else if (ch == '"')
                {
                    quoted = false;
                }
                else
                {
                    sb.Append(ch);
                }
            }
            else if (ch == '"')
            {
                quoted = true;
            }
            else if (ch == ',')
            {
                fields.Add(sb.ToString());
                sb.Clear();
            }
            else
            {
                sb.Append(ch);
            }
        }

        fields.Add(sb.ToString());
        return fields;
    }
}
