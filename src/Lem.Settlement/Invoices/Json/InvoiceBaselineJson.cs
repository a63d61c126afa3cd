namespace Lem.Settlement.Invoices.Json;

/// <summary>The retail baseline of an invoice, EUR with two decimals.</summary>
/// <param name="Rule">How the baseline is computed.</param>
/// <param name="ImportEur">Withdrawal at the retail tariff.</param>
/// <param name="ExportEur">Injection at the feed-in tariff.</param>
/// <param name="TotalEur">The baseline bill.</param>
public sealed record InvoiceBaselineJson(string Rule, decimal ImportEur, decimal ExportEur, decimal TotalEur);
