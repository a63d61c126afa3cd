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
    double LevelEurPerMwh,
    string Basis,
    string? Distance,
    double? NormalisationDistance,
    string Split,
    decimal TotalEur,
    decimal BuyersEur,
    decimal SellersEur,
    IReadOnlyList<NetworkChargePairSummary> Pairs);
