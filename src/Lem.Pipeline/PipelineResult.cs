using Lem.Domain.Validation;
using Lem.Markets.Clearing;
using Lem.Markets.Pool;
using Lem.Markets.Redispatch;
using Lem.Settlement.Billing;

namespace Lem.Pipeline;

/// <summary>What a pipeline run produced: the clearing, its AC check and its settlement, or the problems that stopped it.</summary>
public sealed record PipelineResult
{
    /// <summary>Problems with the request (the mechanism cannot clear it, or the tariff cannot be applied); the stages after the problem did not run.</summary>
    public IReadOnlyList<ValidationError> Errors { get; init; } = [];

    /// <summary>The scenario.</summary>
    public required Scenario Scenario { get; init; }

    /// <summary>The clearing, or null when the request was refused.</summary>
    public ClearingResult? Clearing { get; init; }

    /// <summary>The AC check, or null (not asked for, no grid, or no schedule).</summary>
    public AcCheckResult? AcCheck { get; init; }

    /// <summary>The settlement, or null (not asked for, or no schedule).</summary>
    public SettlementResult? Settlement { get; init; }

    /// <summary>Whether per-meter tariff charges were part of the clearing objective (docs/settlement.md#tariff-aware-clearing).</summary>
    public bool TariffAware { get; init; }

    /// <summary>The redispatch (its first and final clearings, rounds, violations and welfare lost), or null when none was asked for; <see cref="Clearing"/> is its final clearing.</summary>
    public RedispatchOutcome? Redispatch { get; init; }

    /// <summary>Why the settlement was skipped although asked for, or null.</summary>
    public string? SettlementNote { get; init; }

    /// <summary>The context reports are written in (requires <see cref="Clearing"/>).</summary>
    public ClearingReportContext ReportContext => new(Scenario, Clearing ?? throw new InvalidOperationException("The request was refused; there is no clearing."), AcCheck);
}
