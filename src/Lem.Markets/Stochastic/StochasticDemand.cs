namespace Lem.Markets.Stochastic;

/// <summary>
/// A price-responsive demand (a buy-order step, or a curtailable load at its value of lost load) in one slot: a
/// day-ahead schedule d ∈ [0, quantity] worth its value; it is served as scheduled in every scenario (or shed at VOLL).
/// </summary>
/// <param name="Id">A label for outputs (the order id and step, or the asset id).</param>
/// <param name="Owner">The participant, or null.</param>
/// <param name="Slot">The slot index.</param>
/// <param name="QuantityMw">The most it consumes, MW (≥ 0).</param>
/// <param name="ValueEurPerMwh">What one MWh is worth to it, EUR/MWh.</param>
public sealed record StochasticDemand(string Id, ParticipantId? Owner, int Slot, double QuantityMw, double ValueEurPerMwh);
