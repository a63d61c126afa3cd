namespace Lem.Markets.Stochastic;

/// <summary>
/// A producer (a sell-order step) in one slot of the two-stage problem (docs/mechanisms/stochastic-pool.md): a day-ahead
/// schedule g ∈ [0, capacity] at the day-ahead cost and, when it can regulate, up-regulation r↑ ≤ capacity − g at its
/// up cost and down-regulation r↓ ≤ g with its down refund in every scenario.
/// </summary>
/// <param name="Id">A label for outputs (the order id and step).</param>
/// <param name="Owner">The participant the energy belongs to, or null (a test's plain producer).</param>
/// <param name="Slot">The slot index.</param>
/// <param name="CapacityMw">The most it produces, MW (≥ 0).</param>
/// <param name="CostEurPerMwh">The day-ahead cost, EUR/MWh.</param>
/// <param name="UpCostEurPerMwh">The cost of up-regulation, EUR/MWh, or null when it cannot regulate up.</param>
/// <param name="DownRefundEurPerMwh">What it refunds per MWh of down-regulation, EUR/MWh, or null when it cannot regulate down.</param>
public sealed record StochasticUnit(
    string Id,
    ParticipantId? Owner,
    int Slot,
    double CapacityMw,
    double CostEurPerMwh,
    double? UpCostEurPerMwh = null,
    double? DownRefundEurPerMwh = null);
