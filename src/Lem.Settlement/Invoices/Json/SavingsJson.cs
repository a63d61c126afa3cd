namespace Lem.Settlement.Invoices.Json;

/// <summary>One participant's savings in the KPIs (EUR with two decimals).</summary>
/// <param name="Participant">The participant's id.</param>
/// <param name="BillEur">Its bill.</param>
/// <param name="BaselineEur">Its retail baseline.</param>
/// <param name="SavingsEur">Its savings.</param>
/// <param name="SavingsAfterCompensationEur">Its savings after compensation.</param>
public sealed record SavingsJson(string Participant, decimal BillEur, decimal BaselineEur, decimal SavingsEur, decimal SavingsAfterCompensationEur);
