namespace Lem.Markets.Distributed;

/// <summary>A settled bilateral trade of a P2P clearing.</summary>
/// <param name="BuyerId">The buyer.</param>
/// <param name="SellerId">The seller.</param>
/// <param name="Slot">The slot index.</param>
/// <param name="QuantityKwh">The energy traded in the slot, kWh.</param>
/// <param name="PriceEurPerMwh">The pair price.</param>
public sealed record DistributedTrade(string BuyerId, string SellerId, int Slot, double QuantityKwh, double PriceEurPerMwh);
