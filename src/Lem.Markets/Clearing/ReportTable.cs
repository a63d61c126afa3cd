namespace Lem.Markets.Clearing;

/// <summary>A table of the text output.</summary>
/// <param name="Title">The title.</param>
/// <param name="Columns">Column headers; all but the first are right-aligned.</param>
/// <param name="Rows">The rows, one cell per column.</param>
public sealed record ReportTable(string Title, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows);
