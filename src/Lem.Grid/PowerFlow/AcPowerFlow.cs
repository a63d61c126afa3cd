using System.Diagnostics;

namespace Lem.Grid.PowerFlow;

/// <summary>
/// The entry point of AC power flow: picks the algorithm (sweep for radial networks with one slack,
/// Newton-Raphson otherwise), solves, and maps the result to the user's ids.
/// </summary>
public static class AcPowerFlow
{
    /// <summary>The algorithm that <paramref name="requested"/> stands for on this model.</summary>
    public static PowerFlowAlgorithm Resolve(PowerFlowModel model, PowerFlowAlgorithm requested)
    {
        ArgumentNullException.ThrowIfNull(model);
        return requested == PowerFlowAlgorithm.Auto
            ? (model.SweepApplicable && model.PvBuses.Length == 0 ? PowerFlowAlgorithm.BackwardForwardSweep : PowerFlowAlgorithm.NewtonRaphson)
            : requested;
    }

    /// <summary>Creates a solver for the model with the algorithm the options ask for (resolving <see cref="PowerFlowAlgorithm.Auto"/>).</summary>
    public static IPowerFlowSolver CreateSolver(PowerFlowModel model, PowerFlowOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Resolve(model, options.Algorithm) switch
        {
            PowerFlowAlgorithm.BackwardForwardSweep => new BackwardForwardSweepSolver(model, options),
            _ => new NewtonRaphsonSolver(model, options),
        };
    }

    /// <summary>Solves one snapshot of a network with its own loads and generation.</summary>
    public static PowerFlowResult Run(GridNetwork network, PowerFlowOptions? options = null) =>
        Run(PowerFlowModel.Build(NetworkIndex.Build(network)), options);

    /// <summary>Solves one snapshot of a prepared model with its own loads and generation.</summary>
    public static PowerFlowResult Run(PowerFlowModel model, PowerFlowOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        options ??= PowerFlowOptions.Default;
        var watch = Stopwatch.StartNew();
        using var solver = CreateSolver(model, options);
        var voltages = NewtonRaphsonStart.Voltages(model, options.FlatStart);
        var history = new List<double>();
        var stats = solver.Solve(model.SpecifiedSbusPu, voltages, history);
        watch.Stop();
        return PowerFlowResult.From(model, voltages, model.SpecifiedSbusPu, stats, solver.Algorithm, history, watch.Elapsed.TotalMilliseconds);
    }
}
