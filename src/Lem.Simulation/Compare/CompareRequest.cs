using Lem.Simulation.Days;

namespace Lem.Simulation.Compare;

/// <summary>
/// What <c>lem compare</c> runs (docs/comparison.md): the same days, agents, forecasts and redispatch (<see cref="Base"/>)
/// through each design, and a scaling run over synthetic communities of <see cref="ScalingSizes"/> households for one day.
/// </summary>
/// <param name="Base">The settings every design runs with; only the mechanism changes.</param>
/// <param name="Designs">The designs (names of <see cref="CompareDesigns"/>), in report order.</param>
public sealed record CompareRequest(SimulationSettings Base, IReadOnlyList<string> Designs)
{
    /// <summary>Community sizes of the scaling run (empty: no scaling run).</summary>
    public IReadOnlyList<int> ScalingSizes { get; init; } = [];

    /// <summary>A design whose predicted time at the next size exceeds this is skipped there, seconds.</summary>
    public double ScalingLimitSeconds { get; init; } = 120;

    /// <summary>The day source of a scaling run with a number of households (default: <see cref="Synthetic.SyntheticDaySource"/> on a radial feeder).</summary>
    public Func<int, IDaySource>? ScalingSource { get; init; }
}
