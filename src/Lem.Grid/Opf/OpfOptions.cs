namespace Lem.Grid.Opf;

/// <summary>Settings of <see cref="OptimalPowerFlow.Solve"/>.</summary>
public sealed record OpfOptions
{
    /// <summary>Default settings: the back end <c>Solvers.For</c> picks, with default solver options.</summary>
    public static OpfOptions Default { get; } = new();

    /// <summary>The solver settings (time limit, tolerance, log).</summary>
    public SolverOptions Solver { get; init; } = SolverOptions.Default;

    /// <summary>A back end to use instead of the one <c>Solvers.For</c> picks for the model.</summary>
    public ISolver? Backend { get; init; }

    /// <summary>
    /// The price of power bought from (or, negative flow, sold to) each in-service external grid (pandapower ext_grid), in
    /// cost units per MWh. External grids are unbounded supplies of active and reactive power at their bus; 0 by default
    /// (pandapower's OPF without a cost for the ext_grid).
    /// </summary>
    public double ExternalGridPricePerMwh { get; init; }
}
