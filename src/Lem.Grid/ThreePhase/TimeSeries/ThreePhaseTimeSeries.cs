using System.Diagnostics;
using Lem.Grid.ThreePhase.PowerFlow;

namespace Lem.Grid.ThreePhase.TimeSeries;

/// <summary>
/// A three-phase power-flow time series (docs/three-phase.md, "Time series"): the same network with new loads at every
/// step. The structure (admittance matrix, ordering, factorisation pattern) is reused by the step solver the caller
/// passes, typically a prepared solver that starts from the previous step's voltages; only per-step summaries are kept.
/// </summary>
public static class ThreePhaseTimeSeries
{
    /// <summary>
    /// Runs steps <paramref name="from"/> to <paramref name="to"/> (inclusive): for each, <paramref name="loadsAt"/>
    /// gives the loads and <paramref name="solve"/> solves them.
    /// </summary>
    /// <param name="from">The first step.</param>
    /// <param name="to">The last step (not below <paramref name="from"/>).</param>
    /// <param name="loadsAt">The loads of a step.</param>
    /// <param name="solve">The step solver (for a prepared solver: its solve with new loads).</param>
    /// <param name="progress">Receives the number of steps done, when given.</param>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="to"/> is below <paramref name="from"/>.</exception>
    public static ThreePhaseTimeSeriesResult Run(
        int from,
        int to,
        Func<int, IReadOnlyList<ThreePhaseLoad>> loadsAt,
        Func<IReadOnlyList<ThreePhaseLoad>, ThreePhasePowerFlowResult> solve,
        IProgress<int>? progress = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(to, from);
        ArgumentNullException.ThrowIfNull(loadsAt);
        ArgumentNullException.ThrowIfNull(solve);
        var clock = Stopwatch.StartNew();
        var steps = new ThreePhaseStepSummary[to - from + 1];
        for (var step = from; step <= to; step++)
        {
            steps[step - from] = ThreePhaseStepSummary.Of(step, solve(loadsAt(step)));
            progress?.Report(step - from + 1);
        }

        return new ThreePhaseTimeSeriesResult(steps, clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// Runs steps <paramref name="from"/> to <paramref name="to"/> (inclusive) on <paramref name="prepared"/>, keeping
    /// only each step's summary (<see cref="PreparedThreePhasePowerFlow.SolveSummary"/>: the Z-bus fixed point unless
    /// the prepared options ask for Newton–Raphson).
    /// </summary>
    /// <param name="from">The first step.</param>
    /// <param name="to">The last step (not below <paramref name="from"/>).</param>
    /// <param name="loadsAt">The loads of a step.</param>
    /// <param name="prepared">The prepared network.</param>
    /// <param name="progress">Receives the number of steps done, when given.</param>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="to"/> is below <paramref name="from"/>.</exception>
    public static ThreePhaseTimeSeriesResult Run(
        int from,
        int to,
        Func<int, IReadOnlyList<ThreePhaseLoad>> loadsAt,
        PreparedThreePhasePowerFlow prepared,
        IProgress<int>? progress = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(to, from);
        ArgumentNullException.ThrowIfNull(loadsAt);
        ArgumentNullException.ThrowIfNull(prepared);
        var clock = Stopwatch.StartNew();
        var steps = new ThreePhaseStepSummary[to - from + 1];
        for (var step = from; step <= to; step++)
        {
            steps[step - from] = prepared.SolveSummary(step, loadsAt(step), []);
            progress?.Report(step - from + 1);
        }

        return new ThreePhaseTimeSeriesResult(steps, clock.Elapsed.TotalSeconds);
    }
}
