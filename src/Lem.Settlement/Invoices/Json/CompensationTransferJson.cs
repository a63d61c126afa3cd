namespace Lem.Settlement.Invoices.Json;

/// <summary>One compensation transfer.</summary>
/// <param name="Participant">Who receives it.</param>
/// <param name="AmountEur">The amount, EUR with two decimals.</param>
public sealed record CompensationTransferJson(string Participant, decimal AmountEur);
