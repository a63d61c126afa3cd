namespace Lem.Pipeline.Json;

/// <summary>A location's price in a slot.</summary>
/// <param name="Id">The bus id, or <c>copperplate</c>.</param>
/// <param name="EurPerMwh">The price, EUR/MWh.</param>
public sealed record BusPriceSummary(string Id, double EurPerMwh);
