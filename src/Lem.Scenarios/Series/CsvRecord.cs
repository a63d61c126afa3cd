namespace Lem.Scenarios.Series;

/// <summary>One CSV record (row) read by <see cref="CsvRecordReader"/>.</summary>
/// <param name="Line">The 1-based line the record starts on; a quoted cell with line breaks makes a record span several lines.</param>
/// <param name="Cells">The cells, unquoted and untrimmed; a blank line has one empty (or white-space) cell.</param>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Cells)
{
    /// <summary>Whether the record is a blank line (a single cell of white space only).</summary>
    public bool IsBlank => Cells.Count == 1 && string.IsNullOrWhiteSpace(Cells[0]);
}
