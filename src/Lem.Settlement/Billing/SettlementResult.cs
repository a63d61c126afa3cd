using Lem.Settlement.Kpis;
using NodaTime;

namespace Lem.Settlement.Billing;

/// <summary>The settlement of one clearing: invoices, budget identity, compensation and KPIs.</summary>
/// <param name="ScenarioName">The scenario's name.</param>
/// <param name="Mechanism">The mechanism that cleared the market.</param>
/// <param name="PeriodStart">The start of the billing period.</param>
/// <param name="PeriodEnd">The end of the billing period (excluded).</param>
/// <param name="Zone">The time zone of local times.</param>
/// <param name="SlotStarts">The start of every slot.</param>
/// <param name="Metered">Whether meter readings were used.</param>
/// <param name="Invoices">One invoice per billed participant, in request order.</param>
/// <param name="Budget">The budget identity.</param>
/// <param name="Compensation">What the compensation rule did.</param>
/// <param name="Kpis">The key figures.</param>
public sealed record SettlementResult(
    string ScenarioName,
    string Mechanism,
    Instant PeriodStart,
    Instant PeriodEnd,
    DateTimeZone Zone,
    IReadOnlyList<Instant> SlotStarts,
    bool Metered,
    IReadOnlyList<Invoice> Invoices,
    BudgetBalance Budget,
    CompensationOutcome Compensation,
    CommunityKpis Kpis);
