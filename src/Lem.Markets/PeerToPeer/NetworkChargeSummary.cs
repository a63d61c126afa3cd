using System.Text.Json.Serialization;

namespace Lem.Markets.PeerToPeer;

/// <summary>The <c>network_charges</c> member of a P2P summary (docs/network-charges.md).</summary>
/// <param name="LevelEurPerMwh">γ, EUR/MWh.</param>
/// <param name="Basis">distance, zonal or uniform.</param>
/// <param name="Distance">The distance method (path, resistance, ptdf), or null.</param>
/// <param name="NormalisationDistance">The normalising distance d̄, or null.</param>
/// <param name="Split">half or buyer.</param>
/// <param name="TotalEur">All charges, EUR.</param>
/// <param name="BuyersEur">Paid by buyers, EUR.</param>
/// <param name="SellersEur">Paid by sellers, EUR.</param>
/// <param name="Pairs">The charge and traded energy of every pair.</param>
public sealed record NetworkChargeSummary(
    [property: JsonPropertyName("level_eur_per_mwh")] double LevelEurPerMwh,
    [property: JsonPropertyName("basis")] string Basis,
    [property: JsonPropertyName("distance")] string? Distance,
    [property: JsonPropertyName("normalisation_distance")] double? NormalisationDistance,
    [property: JsonPropertyName("split")] string Split,
    [property: JsonPropertyName("total_eur")] decimal TotalEur,
    [property: JsonPropertyName("buyers_eur")] decimal BuyersEur,
    [property: JsonPropertyName("sellers_eur")] decimal SellersEur,
    [property: JsonPropertyName("pairs")] IReadOnlyList<NetworkChargePairSummary> Pairs);
