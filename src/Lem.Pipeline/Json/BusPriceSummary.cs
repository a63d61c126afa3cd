using System.Text.Json.Serialization;

namespace Lem.Pipeline.Json;

/// <summary>A location's price in a slot.</summary>
/// <param name="Id">The bus id, or <c>copperplate</c>.</param>
/// <param name="EurPerMwh">The price, EUR/MWh.</param>
public sealed record BusPriceSummary(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("eur_per_mwh")] double EurPerMwh);
