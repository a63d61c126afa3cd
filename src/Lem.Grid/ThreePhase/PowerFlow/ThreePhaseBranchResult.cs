namespace Lem.Grid.ThreePhase.PowerFlow;

/// <summary>The result of one line or transformer of a three-phase power flow.</summary>
public sealed record ThreePhaseBranchResult
{
    /// <summary>The branch id (a line's or a transformer's).</summary>
    public required string Id { get; init; }

    /// <summary>True for a transformer, false for a line.</summary>
    public bool IsTransformer { get; init; }

    /// <summary>The flows per phase at the from (HV) end.</summary>
    public required IReadOnlyList<PhaseBranchFlow> Phases { get; init; }

    /// <summary>The flows per phase at the to (LV) end, direction to → from positive.</summary>
    public IReadOnlyList<PhaseBranchFlow> ToPhases { get; init; } = [];

    /// <summary>The loading in percent: the largest phase current over the limit (lines), or apparent power over the rating (transformers); null without a limit.</summary>
    public double? LoadingPercent { get; init; }

    /// <summary>The neutral current magnitude in A where the neutral is modelled; null otherwise.</summary>
    public double? NeutralCurrentA { get; init; }

    /// <summary>The active losses of the branch in kW (all phases).</summary>
    public double LossesKw { get; init; }
}
