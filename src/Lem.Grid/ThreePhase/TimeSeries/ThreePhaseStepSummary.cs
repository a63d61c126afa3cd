using System.Numerics;
using Lem.Grid.ThreePhase.PowerFlow;

namespace Lem.Grid.ThreePhase.TimeSeries;

/// <summary>
/// The figures of one step of a three-phase time series (docs/three-phase.md, "Time series"): the lowest and highest
/// phase voltage per phase over all in-service buses, the largest voltage unbalance factor, the losses.
/// </summary>
public sealed record ThreePhaseStepSummary
{
    private static readonly Complex Alpha = SequenceFrame.A;
    private static readonly Complex AlphaSquared = SequenceFrame.A * SequenceFrame.A;

    /// <summary>The step (for the IEEE European LV feeder: the minute, 1-based).</summary>
    public required int Step { get; init; }

    /// <summary>True when the power flow converged.</summary>
    public required bool Converged { get; init; }

    /// <summary>The iterations the power flow took.</summary>
    public required int Iterations { get; init; }

    /// <summary>The lowest voltage magnitude of phases a, b, c in pu.</summary>
    public required IReadOnlyList<double> MinVoltagePu { get; init; }

    /// <summary>The bus of each phase's lowest voltage.</summary>
    public required IReadOnlyList<BusId> MinVoltageBus { get; init; }

    /// <summary>The highest voltage magnitude of phases a, b, c in pu.</summary>
    public required IReadOnlyList<double> MaxVoltagePu { get; init; }

    /// <summary>The largest voltage unbalance factor |V₂|/|V₁| in percent.</summary>
    public required double MaxUnbalancePercent { get; init; }

    /// <summary>The bus of the largest voltage unbalance factor.</summary>
    public required BusId MaxUnbalanceBus { get; init; }

    /// <summary>The total active losses in kW.</summary>
    public required double LossesKw { get; init; }

    /// <summary>
    /// The summary of <paramref name="result"/>. Buses that are not part of the result's phases (fewer than three
    /// phases) count only with the phases they have; ties keep the first bus in the result's order.
    /// </summary>
    public static ThreePhaseStepSummary Of(int step, ThreePhasePowerFlowResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var min = new[] { double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity };
        var max = new[] { double.NegativeInfinity, double.NegativeInfinity, double.NegativeInfinity };
        var minBus = new BusId[3];
        var vuf = double.NegativeInfinity;
        BusId vufBus = default;
        foreach (var bus in result.Buses)
        {
            foreach (var phase in bus.Phases)
            {
                var k = (int)phase.Phase;
                if (phase.MagnitudePu < min[k])
                {
                    min[k] = phase.MagnitudePu;
                    minBus[k] = bus.Id;
                }

                max[k] = Math.Max(max[k], phase.MagnitudePu);
            }

            if (bus.VoltageUnbalancePercent > vuf)
            {
                vuf = bus.VoltageUnbalancePercent;
                vufBus = bus.Id;
            }
        }

        return new ThreePhaseStepSummary
        {
            Step = step,
            Converged = result.Converged,
            Iterations = result.Iterations,
            MinVoltagePu = min,
            MinVoltageBus = minBus,
            MaxVoltagePu = max,
            MaxUnbalancePercent = vuf,
            MaxUnbalanceBus = vufBus,
            LossesKw = result.LossesKw,
        };
    }

    /// <summary>
    /// The summary of the node voltages <paramref name="voltage"/> (V, node 3·bus + phase) of <paramref name="model"/>,
    /// without building the per-bus and per-branch results: the same figures (up to rounding) as
    /// <see cref="Of(int, ThreePhasePowerFlowResult)"/> of the full result (every bus with its three phases).
    /// </summary>
    internal static ThreePhaseStepSummary Of(int step, PhaseFrameModel model, Complex[] voltage, bool converged, int iterations)
    {
        var min = new[] { double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity };
        var max = new[] { double.NegativeInfinity, double.NegativeInfinity, double.NegativeInfinity };
        var minPosition = new int[3];
        var vuf = double.NegativeInfinity;
        var vufPosition = -1;
        for (var b = 0; b < model.BusCount; b++)
        {
            var basePhase = model.PhaseBaseVoltageV[b];
            for (var k = 0; k < 3; k++)
            {
                var v = voltage[(3 * b) + k];
                var magnitude = Math.Sqrt((v.Real * v.Real) + (v.Imaginary * v.Imaginary));
                var pu = basePhase > 0 ? magnitude / basePhase : 0.0;
                if (pu < min[k])
                {
                    min[k] = pu;
                    minPosition[k] = b;
                }

                max[k] = Math.Max(max[k], pu);
            }

            // 3 V₁ = a + α b + α² c and 3 V₂ = a + α² b + α c with α = e^{j2π/3}.
            var va = voltage[3 * b];
            var vb = voltage[(3 * b) + 1];
            var vc = voltage[(3 * b) + 2];
            var positive = va + (Alpha * vb) + (AlphaSquared * vc);
            var negative = va + (AlphaSquared * vb) + (Alpha * vc);
            var positiveSquared = (positive.Real * positive.Real) + (positive.Imaginary * positive.Imaginary);
            var unbalance = positiveSquared > 0 ? 100.0 * Math.Sqrt(((negative.Real * negative.Real) + (negative.Imaginary * negative.Imaginary)) / positiveSquared) : 0.0;
            if (unbalance > vuf)
            {
                vuf = unbalance;
                vufPosition = b;
            }
        }

        var lossesW = Complex.Zero;
        Span<Complex> fromCurrent = stackalloc Complex[3];
        Span<Complex> toCurrent = stackalloc Complex[3];
        Span<Complex> across = stackalloc Complex[3];
        var seriesOnly = model.SeriesOnlyBranches;
        for (var k = 0; k < model.Branches.Count; k++)
        {
            var branch = model.Branches[k];
            var fromVoltage = voltage.AsSpan(3 * branch.From, 3);
            var toVoltage = voltage.AsSpan(3 * branch.To, 3);
            var branchLoss = Complex.Zero;
            if (seriesOnly[k])
            {
                for (var p = 0; p < 3; p++)
                {
                    across[p] = fromVoltage[p] - toVoltage[p];
                }

                branch.Admittance.FromFrom.Multiply(across, fromCurrent);
                for (var p = 0; p < 3; p++)
                {
                    branchLoss += across[p] * Complex.Conjugate(fromCurrent[p]);
                }

                lossesW += branchLoss;
                continue;
            }

            branch.Admittance.Currents(fromVoltage, toVoltage, fromCurrent, toCurrent);
            for (var p = 0; p < 3; p++)
            {
                branchLoss += (fromVoltage[p] * Complex.Conjugate(fromCurrent[p])) + (toVoltage[p] * Complex.Conjugate(toCurrent[p]));
            }

            lossesW += branchLoss;
        }

        var buses = model.Network.Buses;
        return new ThreePhaseStepSummary
        {
            Step = step,
            Converged = converged,
            Iterations = iterations,
            MinVoltagePu = min,
            MinVoltageBus = [.. minPosition.Select((b, k) => double.IsPositiveInfinity(min[k]) ? default : buses[b].Id)],
            MaxVoltagePu = max,
            MaxUnbalancePercent = vuf,
            MaxUnbalanceBus = vufPosition < 0 ? default : buses[vufPosition].Id,
            LossesKw = lossesW.Real / 1000.0,
        };
    }
}
