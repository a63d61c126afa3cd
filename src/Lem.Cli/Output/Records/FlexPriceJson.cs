namespace Lem.Cli.Output.Records;

/// <summary>One locational flexibility price of <c>lem flex</c>'s JSON: the value of one more MWh injected at the bus.</summary>
/// <param name="Bus">The bus.</param>
/// <param name="Slot">The slot (horizon index).</param>
/// <param name="EurPerMwh">The price, EUR/MWh.</param>
public sealed record FlexPriceJson(string Bus, int Slot, double EurPerMwh);
