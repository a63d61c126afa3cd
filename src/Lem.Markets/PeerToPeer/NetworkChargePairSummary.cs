namespace Lem.Markets.PeerToPeer;

/// <summary>One pair of a P2P summary's network charges.</summary>
/// <param name="A">One agent.</param>
/// <param name="B">The other agent.</param>
/// <param name="BusA">A's bus, or null.</param>
/// <param name="BusB">B's bus, or null.</param>
/// <param name="Distance">The electrical distance, or null.</param>
/// <param name="ChargeEurPerMwh">The pair's charge, EUR/MWh.</param>
/// <param name="TradedKwh">Energy traded between them, kWh.</param>
/// <param name="ChargeEur">Charges on their trades, EUR.</param>
public sealed record NetworkChargePairSummary(
    string A,
    string B,
    string? BusA,
    string? BusB,
    double? Distance,
    double ChargeEurPerMwh,
    double TradedKwh,
    decimal ChargeEur);
