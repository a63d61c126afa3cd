namespace Lem.Settlement.Kpis;

/// <summary>A participant's bill against its retail baseline.</summary>
/// <param name="Participant">The participant.</param>
/// <param name="BillEur">Its invoice total before compensation, EUR.</param>
/// <param name="BaselineEur">What it would pay on the retail and feed-in tariffs, EUR.</param>
/// <param name="SavingsEur">Baseline − bill before compensation, EUR (negative: worse off).</param>
/// <param name="SavingsAfterCompensationEur">Savings after the compensation transfers, EUR.</param>
public sealed record ParticipantSavings(ParticipantId Participant, decimal BillEur, decimal BaselineEur, decimal SavingsEur, decimal SavingsAfterCompensationEur);
