namespace Lem.Grid.ThreePhase.PowerFlow;

/// <summary>The result of a three-phase power flow (docs/three-phase.md).</summary>
public sealed record ThreePhasePowerFlowResult
{
    /// <summary>True when the iteration met the tolerance.</summary>
    public required bool Converged { get; init; }

    /// <summary>The number of iterations done.</summary>
    public required int Iterations { get; init; }

    /// <summary>The algorithm that ran.</summary>
    public required ThreePhaseAlgorithm Algorithm { get; init; }

    /// <summary>The buses, in the order of the network's buses.</summary>
    public required IReadOnlyList<ThreePhaseBusResult> Buses { get; init; }

    /// <summary>The lines then the transformers, in the network's order.</summary>
    public required IReadOnlyList<ThreePhaseBranchResult> Branches { get; init; }

    /// <summary>The total active losses in kW.</summary>
    public required double LossesKw { get; init; }

    /// <summary>The total reactive losses in kvar.</summary>
    public required double LossesKvar { get; init; }

    /// <summary>Why the solve did not converge or could not start; null when it converged.</summary>
    public string? Message { get; init; }
}
