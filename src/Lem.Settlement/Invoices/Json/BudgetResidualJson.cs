namespace Lem.Settlement.Invoices.Json;

/// <summary>What the operator's residual is made of, EUR without trailing zeros.</summary>
/// <param name="MerchandisingSurplusEur">The merchandising surplus.</param>
/// <param name="ImbalanceSpreadEur">The imbalance spread.</param>
/// <param name="RoundingEur">The rounding of the invoice lines.</param>
/// <param name="RoundingBoundEur">The bound on the rounding.</param>
public sealed record BudgetResidualJson(decimal MerchandisingSurplusEur, decimal ImbalanceSpreadEur, decimal RoundingEur, decimal RoundingBoundEur);
