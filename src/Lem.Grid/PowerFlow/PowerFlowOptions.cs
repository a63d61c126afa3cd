namespace Lem.Grid.PowerFlow;

/// <summary>Settings of a power-flow solve.</summary>
public sealed record PowerFlowOptions
{
    /// <summary>The default options: automatic algorithm, 1e-8 p.u. tolerance (MATPOWER's default), case start values.</summary>
    public static PowerFlowOptions Default { get; } = new();

    /// <summary>The algorithm; <see cref="PowerFlowAlgorithm.Auto"/> picks the sweep for radial networks.</summary>
    public PowerFlowAlgorithm Algorithm { get; init; } = PowerFlowAlgorithm.Auto;

    /// <summary>
    /// The convergence tolerance in per unit: the largest power mismatch for Newton-Raphson, the largest voltage
    /// change between sweeps for backward/forward sweep.
    /// </summary>
    public double TolerancePu { get; init; } = 1e-8;

    /// <summary>The iteration limit for Newton-Raphson.</summary>
    public int MaxIterationsNewton { get; init; } = 20;

    /// <summary>The iteration limit for backward/forward sweep.</summary>
    public int MaxIterationsSweep { get; init; } = 100;

    /// <summary>Start from 1 p.u. and 0° at PQ buses (set points at slack and PV buses) instead of the case's values.</summary>
    public bool FlatStart { get; init; }
}
