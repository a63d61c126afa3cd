namespace Lem.Settlement.Invoices.Json;

/// <summary>The community summary document (<c>invoices/summary.json</c>).</summary>
/// <param name="Document">Always <c>community_summary</c>.</param>
/// <param name="Scenario">The scenario's name.</param>
/// <param name="Mechanism">The mechanism that cleared the market.</param>
/// <param name="Period">The billing period.</param>
/// <param name="Currency">Always <c>EUR</c>.</param>
/// <param name="Metered">Whether meter readings were used.</param>
/// <param name="InvoiceCount">Invoices issued.</param>
/// <param name="Participants">Every billed participant.</param>
/// <param name="TotalsEur">The total per category, then <c>bills</c>, EUR with two decimals.</param>
/// <param name="Budget">The budget identity and its terms.</param>
/// <param name="Compensation">The compensation of worse-off members.</param>
/// <param name="Kpis">The KPIs.</param>
public sealed record CommunitySummaryJson(
    string Document,
    string Scenario,
    string Mechanism,
    SettlementPeriodJson Period,
    string Currency,
    bool Metered,
    int InvoiceCount,
    IReadOnlyList<CommunityMemberJson> Participants,
    OrderedDictionary<string, decimal> TotalsEur,
    BudgetJson Budget,
    CompensationJson Compensation,
    KpisJson Kpis);
