namespace Lem.Markets.Clearing;

/// <summary>An output file of a run.</summary>
/// <param name="Name">The file name (no folder).</param>
/// <param name="Content">The text (UTF-8 without a byte-order mark when written).</param>
public sealed record ReportFile(string Name, string Content);
