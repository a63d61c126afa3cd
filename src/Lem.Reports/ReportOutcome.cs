namespace Lem.Reports;

/// <summary>What <see cref="ReportBuilder.Build"/> wrote.</summary>
/// <param name="Figures">The names of the figures drawn, in registry order.</param>
/// <param name="Files">The files written, relative to the run folder with '/' separators, sorted ordinally.</param>
/// <param name="Skipped">The figures whose files were present but held nothing to draw, with the reason.</param>
public sealed record ReportOutcome(IReadOnlyList<string> Figures, IReadOnlyList<string> Files, IReadOnlyList<string> Skipped);
