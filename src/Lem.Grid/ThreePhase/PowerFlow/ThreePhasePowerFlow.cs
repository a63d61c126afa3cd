namespace Lem.Grid.ThreePhase.PowerFlow;

/// <summary>
/// The three-phase (unbalanced) power flow (docs/three-phase.md): backward/forward sweep on radial networks of lines
/// fed by one ideal source, Newton–Raphson in current-injection form in the phase frame otherwise; the Z-bus fixed
/// point on request (and for time-series summaries, see <see cref="PreparedThreePhasePowerFlow.SolveSummary"/>).
/// </summary>
public static class ThreePhasePowerFlow
{
    /// <summary>Solves <paramref name="network"/>; a network that cannot be solved gives a non-converged result with a message.</summary>
    public static ThreePhasePowerFlowResult Solve(ThreePhaseNetwork network, ThreePhasePowerFlowOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        options ??= ThreePhasePowerFlowOptions.Default;
        var model = PhaseFrameModel.Build(network);
        if (model.Problems.Count > 0)
        {
            return Failed(model, string.Join("; ", model.Problems));
        }

        if (options.Algorithm is ThreePhaseAlgorithm.Auto or ThreePhaseAlgorithm.BackwardForwardSweep)
        {
            var sweep = BackwardForwardSweep.TryCreate(model, out var reason);
            if (sweep is not null)
            {
                var (voltage, converged, iterations) = sweep.Solve(model.Loads, options);
                return ThreePhaseResultBuilder.Build(model, voltage, converged, iterations, ThreePhaseAlgorithm.BackwardForwardSweep, converged ? null : "the sweep did not converge");
            }

            if (options.Algorithm == ThreePhaseAlgorithm.BackwardForwardSweep)
            {
                return Failed(model, $"backward/forward sweep not applicable: {reason}");
            }
        }

        using var prepared = new PreparedThreePhasePowerFlow(model, options);
        return prepared.Solve();
    }

    /// <summary>
    /// Compiles <paramref name="network"/> once (admittance matrix, sparsity pattern, symbolic factorisation) for
    /// repeated solves with new loads and generators of the same structure (time series). Dispose the result.
    /// </summary>
    /// <exception cref="ArgumentException">When the network cannot be solved (the message lists every problem).</exception>
    public static PreparedThreePhasePowerFlow Prepare(ThreePhaseNetwork network, ThreePhasePowerFlowOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        var model = PhaseFrameModel.Build(network);
        if (model.Problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", model.Problems), nameof(network));
        }

        return new PreparedThreePhasePowerFlow(model, options ?? ThreePhasePowerFlowOptions.Default);
    }

    internal static ThreePhasePowerFlowResult Failed(PhaseFrameModel model, string message) =>
        ThreePhaseResultBuilder.Build(model, new System.Numerics.Complex[3 * model.BusCount], false, 0, ThreePhaseAlgorithm.Auto, message);
}
