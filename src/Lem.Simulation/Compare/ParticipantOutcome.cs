namespace Lem.Simulation.Compare;

/// <summary>One participant's bills over the compared days (docs/comparison.md#bills).</summary>
/// <param name="Participant">The participant.</param>
/// <param name="BillEur">What it paid in the design (day-ahead, intraday and imbalance), EUR (negative: earned).</param>
/// <param name="BaselineEur">What it would have paid without a market: its delivered imports at the retail tariff less its exports at the feed-in tariff, EUR.</param>
public sealed record ParticipantOutcome(ParticipantId Participant, decimal BillEur, decimal BaselineEur)
{
    /// <summary>Savings against the no-market baseline, EUR (positive: better off).</summary>
    public decimal SavingsEur => BaselineEur - BillEur;
}
