namespace Lem.Grid.ThreePhase.PowerFlow;

/// <summary>Options of a three-phase power flow (docs/three-phase.md).</summary>
public sealed record ThreePhasePowerFlowOptions
{
    /// <summary>The default options.</summary>
    public static ThreePhasePowerFlowOptions Default { get; } = new();

    /// <summary>The algorithm; <see cref="ThreePhaseAlgorithm.Auto"/> picks the sweep on radial networks, Newton–Raphson otherwise.</summary>
    public ThreePhaseAlgorithm Algorithm { get; init; } = ThreePhaseAlgorithm.Auto;

    /// <summary>The convergence tolerance on the largest phase-voltage change between iterations, in pu.</summary>
    public double TolerancePu { get; init; } = 1e-9;

    /// <summary>The iteration limit.</summary>
    public int MaxIterations { get; init; } = 100;
}
