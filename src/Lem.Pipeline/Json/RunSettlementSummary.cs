namespace Lem.Pipeline.Json;

/// <summary>The <c>settlement</c> block of a settled run's summary (amounts in EUR with two decimals).</summary>
/// <param name="InvoiceCount">Invoices issued.</param>
/// <param name="Invoices">The invoices' folder, or null when they were not written (written as null).</param>
/// <param name="Metered">Whether meter readings were used.</param>
/// <param name="TotalBillsEur">All bills.</param>
/// <param name="PaidByBuyersEur">Paid by the buyers.</param>
/// <param name="ReceivedBySellersEur">Received by the sellers.</param>
/// <param name="OperatorResidualEur">The operator's residual.</param>
/// <param name="BudgetBalanced">Whether the budget identity holds.</param>
public sealed record RunSettlementSummary(
    int InvoiceCount,
    string? Invoices,
    bool Metered,
    decimal TotalBillsEur,
    decimal PaidByBuyersEur,
    decimal ReceivedBySellersEur,
    decimal OperatorResidualEur,
    bool BudgetBalanced);
