namespace Lem.Markets.Pool;

/// <summary>
/// A seller's labelled energy in one slot of a pool with preferences (docs/mechanisms/pool.md#preferences-multi-class-energy):
/// what buyers with a premium for it took, and the premium price, the dual of its supply bound.
/// </summary>
/// <param name="SellerId">The seller.</param>
/// <param name="Slot">The slot index.</param>
/// <param name="LabelledKwh">Energy of the seller assigned to buyers with a premium for it, kWh.</param>
/// <param name="PriceEurPerMwh">The premium price μ: what one more MWh of the seller's energy is worth to them on top of the slot's price, EUR/MWh.</param>
public sealed record PremiumPrice(string SellerId, int Slot, double LabelledKwh, double PriceEurPerMwh);
