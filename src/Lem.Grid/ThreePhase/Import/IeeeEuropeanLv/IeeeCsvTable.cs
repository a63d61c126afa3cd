using System.Globalization;
using Lem.Domain.Validation;

namespace Lem.Grid.ThreePhase.Import.IeeeEuropeanLv;

/// <summary>
/// One CSV file of the IEEE European LV package: comment lines start with <c>#</c>, the first other line is the header,
/// cells are separated by commas (no quoting). Every problem is reported with the file, line and column
/// (docs/three-phase.md, "The IEEE European LV feeder").
/// </summary>
internal sealed class IeeeCsvTable
{
    private readonly Dictionary<string, int> _columns;
    private readonly List<ValidationError> _errors;

    private IeeeCsvTable(string fileName, Dictionary<string, int> columns, List<(int Line, string[] Cells)> rows, List<ValidationError> errors)
    {
        FileName = fileName;
        _columns = columns;
        Rows = rows;
        _errors = errors;
    }

    /// <summary>The file's name, as used in error locations.</summary>
    public string FileName { get; }

    /// <summary>The data rows with their 1-based line numbers in the file.</summary>
    public IReadOnlyList<(int Line, string[] Cells)> Rows { get; }

    /// <summary>Reads <paramref name="path"/>; null (with an error added) when it is missing, unreadable or has no header or a column of <paramref name="required"/> is missing.</summary>
    public static IeeeCsvTable? Read(string path, IReadOnlyList<string> required, List<ValidationError> errors)
    {
        var fileName = Path.GetFileName(path);
        string[] lines;
        try
        {
            if (!File.Exists(path))
            {
                errors.Add(new ValidationError(fileName, ValidationCodes.FileMissing, $"The file '{fileName}' is missing from the feeder folder."));
                return null;
            }

            lines = File.ReadAllLines(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            errors.Add(new ValidationError(fileName, ValidationCodes.FileMissing, $"The file '{fileName}' cannot be read: {ex.Message}"));
            return null;
        }

        Dictionary<string, int>? columns = null;
        var rows = new List<(int, string[])>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line[0] == '#' || line.Replace(",", string.Empty, StringComparison.Ordinal).Length == 0)
            {
                continue;
            }

            var cells = line.Split(',').Select(c => c.Trim()).ToArray();
            if (columns is null)
            {
                columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
                for (var c = 0; c < cells.Length; c++)
                {
                    columns.TryAdd(Normalise(cells[c]), c);
                }

                continue;
            }

            rows.Add((i + 1, cells));
        }

        if (columns is null)
        {
            errors.Add(new ValidationError(fileName, ValidationCodes.FileMalformed, $"The file '{fileName}' has no header line."));
            return null;
        }

        var missing = required.Where(r => !columns.ContainsKey(Normalise(r))).ToList();
        if (missing.Count > 0)
        {
            errors.Add(new ValidationError(fileName, ValidationCodes.FieldMissing, $"The file '{fileName}' has no column {string.Join(", ", missing)}."));
            return null;
        }

        return new IeeeCsvTable(fileName, columns, rows, errors);
    }

    /// <summary>The location of a cell for error messages: <c>Lines.csv:17 [Length]</c>.</summary>
    public string Where(int line, string column) => $"{FileName}:{line} [{column}]";

    /// <summary>The text of column <paramref name="column"/> in <paramref name="cells"/>; an error and null when the row is too short or the cell is empty.</summary>
    public string? Text(int line, string[] cells, string column)
    {
        var index = _columns[Normalise(column)];
        if (index >= cells.Length || cells[index].Length == 0)
        {
            _errors.Add(new ValidationError(Where(line, column), ValidationCodes.FieldMissing, $"The value of column {column} is missing."));
            return null;
        }

        return cells[index];
    }

    /// <summary>
    /// The number in column <paramref name="column"/>; an error and null when it is missing, not a finite number or
    /// not in [<paramref name="min"/>, <paramref name="max"/>] (strictly above <paramref name="min"/> when <paramref name="exclusiveMin"/>).
    /// </summary>
    public double? Number(int line, string[] cells, string column, double min, double max, bool exclusiveMin = false)
    {
        var text = Text(line, cells, column);
        if (text is null)
        {
            return null;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            _errors.Add(new ValidationError(Where(line, column), ValidationCodes.FieldType, $"'{text}' in column {column} is not a number."));
            return null;
        }

        if (value < min || value > max || (exclusiveMin && value <= min))
        {
            var range = exclusiveMin ? $"above {Format(min)}" : $"at least {Format(min)}";
            _errors.Add(new ValidationError(Where(line, column), ValidationCodes.ValueOutOfRange, $"{column} = {text} is out of range: it must be {range} and at most {Format(max)}."));
            return null;
        }

        return value;
    }

    private static string Format(double value) => value.ToString("G", CultureInfo.InvariantCulture);

    // "% resistance" and "%R" style headers: compare without spaces.
    private static string Normalise(string header) => header.Replace(" ", string.Empty, StringComparison.Ordinal);
}
