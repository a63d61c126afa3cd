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

    /// <summary>
    /// The check a solver's constructor makes: the options are given, the tolerance is a non-negative number and the
    /// solver's iteration limit (<see cref="MaxIterationsSweep"/> when <paramref name="sweep"/>, else
    /// <see cref="MaxIterationsNewton"/>) is not negative.
    /// </summary>
    internal static void Check(PowerFlowOptions options, bool sweep)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!(options.TolerancePu >= 0))
        {
            throw new ArgumentException($"The tolerance must be a non-negative number; it is {options.TolerancePu}.", nameof(options));
        }

        var (limit, name) = sweep ? (options.MaxIterationsSweep, "sweep") : (options.MaxIterationsNewton, "Newton");
        if (limit < 0)
        {
            throw new ArgumentException($"The {name} iteration limit must not be negative; it is {limit}.", nameof(options));
        }
    }
}
