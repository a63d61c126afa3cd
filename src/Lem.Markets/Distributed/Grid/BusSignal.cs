namespace Lem.Markets.Distributed.Grid;

/// <summary>
/// The bus part of a P2P signal with the grid agent (docs/mechanisms/admm.md#p2p-with-the-grid-agent): per slot, the
/// mean x̄_b of the agent's bus exchange with the grid agent and the bus's grid price π_b (the DLMP less the energy
/// price of the trades); for the outside market also the grid's own draw it supplies besides its trades.
/// </summary>
/// <param name="MeanKw">x̄_b per slot, kW.</param>
/// <param name="PriceEurPerMwh">π_b per slot, EUR/MWh.</param>
/// <param name="SupplyKw">The grid's draw the agent supplies per slot (kW), or null for none.</param>
public sealed record BusSignal(IReadOnlyList<double> MeanKw, IReadOnlyList<double> PriceEurPerMwh, IReadOnlyList<double>? SupplyKw)
{
    /// <summary>The number of values it adds to a message.</summary>
    public int ValueCount => MeanKw.Count + PriceEurPerMwh.Count + (SupplyKw?.Count ?? 0);
}
