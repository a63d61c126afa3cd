using Lem.Grid.ThreePhase.PowerFlow;

namespace Lem.Grid.ThreePhase.TimeSeries;

/// <summary>
/// The figures of one step of a three-phase time series (docs/three-phase.md, "Time series"): the lowest and highest
/// phase voltage per phase over all in-service buses, the largest voltage unbalance factor, the losses.
/// </summary>
public sealed record ThreePhaseStepSummary
{
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
}
