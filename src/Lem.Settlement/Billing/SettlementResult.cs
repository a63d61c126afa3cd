using Lem.Settlement.Kpis;
using NodaTime;

namespace Lem.Settlement.Billing;

/// <summary>The settlement of one clearing: invoices, budget identity, compensation and KPIs.</summary>
public sealed record SettlementResult
{
    /// <summary>The scenario's name.</summary>
    public required string ScenarioName { get; init; }

    /// <summary>The mechanism that cleared the market.</summary>
    public required string Mechanism { get; init; }

    /// <summary>The start of the billing period.</summary>
    public required Instant PeriodStart { get; init; }

    /// <summary>The end of the billing period (excluded).</summary>
    public required Instant PeriodEnd { get; init; }

    /// <summary>The time zone of local times.</summary>
    public required DateTimeZone Zone { get; init; }

    /// <summary>The start of every slot.</summary>
    public required IReadOnlyList<Instant> SlotStarts { get; init; }

    /// <summary>Whether meter readings were used.</summary>
    public required bool Metered { get; init; }

    /// <summary>One invoice per billed participant, in request order.</summary>
    public required IReadOnlyList<Invoice> Invoices { get; init; }

    /// <summary>The budget identity.</summary>
    public required BudgetBalance Budget { get; init; }

    /// <summary>What the compensation rule did.</summary>
    public required CompensationOutcome Compensation { get; init; }

    /// <summary>The key figures.</summary>
    public required CommunityKpis Kpis { get; init; }
}
