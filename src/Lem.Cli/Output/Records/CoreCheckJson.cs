namespace Lem.Cli.Output.Records;

/// <summary>The <c>core_check</c> of <c>lem allocate</c>'s JSON.</summary>
/// <param name="MaxViolationEur">The largest excess of a coalition's shares over its cost, EUR.</param>
/// <param name="WorstCoalition">That coalition.</param>
/// <param name="ToleranceEur">The tolerance, EUR.</param>
public sealed record CoreCheckJson(double MaxViolationEur, IReadOnlyList<string> WorstCoalition, double ToleranceEur);
