namespace Lem.Reports.Figures;

/// <summary>One element (branch or bus) in one slot with its value before and after the flexibility orders.</summary>
/// <param name="Row">The CSV row.</param>
/// <param name="Label">"element @ slot".</param>
/// <param name="Before">The value in the baseline's power flow.</param>
/// <param name="After">The value with the orders.</param>
public sealed record FlexPair(int Row, string Label, double Before, double After);
