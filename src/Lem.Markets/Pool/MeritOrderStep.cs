namespace Lem.Markets.Pool;

/// <summary>One step of a stepwise supply or demand curve for one slot: up to <see cref="QuantityMwh"/> at <see cref="PriceEurPerMwh"/>.</summary>
/// <param name="PriceEurPerMwh">
/// The limit price: an offer's cost or a bid's value of one MWh. Offers need a finite price; a bid may use
/// +∞ for demand that must be served (an inflexible load).
/// </param>
/// <param name="QuantityMwh">The energy of the step (≥ 0; +∞ for an unlimited step such as an unlimited import; 0 is ignored).</param>
public readonly record struct MeritOrderStep(double PriceEurPerMwh, double QuantityMwh);
