namespace Lem.Cli.Output.Records;

/// <summary>One binding limit of <c>lem flex</c>'s JSON with its dual (EUR/MWh; EUR/h per unit of squared voltage for a voltage limit).</summary>
/// <param name="Slot">The slot (horizon index).</param>
/// <param name="Kind">thermal, voltage or request.</param>
/// <param name="Element">The branch, bus or request.</param>
/// <param name="Dual">The marginal cost of relieving it.</param>
public sealed record FlexLimitJson(int Slot, string Kind, string Element, double Dual);
