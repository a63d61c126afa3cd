using Lem.Domain.Progress;
using Lem.Grid.PowerFlow;
using Lem.Grid.ThreePhase;
using Lem.Grid.ThreePhase.Conversion;
using Lem.Grid.ThreePhase.PowerFlow;

namespace Lem.Markets.Pool;

/// <summary>
/// The AC check of a clearing on three phases (docs/three-phase.md#lindist3flow-clearing-with-per-phase-prices): the
/// grid as a <see cref="ThreePhaseNetwork"/> (<see cref="BalancedNetworkConversion"/>), each participant's cleared net
/// injection on its phase connection (reactive: its consumption at the load power factor), solved slot by slot with
/// the exact three-phase power flow; reports voltages, loading, losses and violations per phase, the voltage
/// unbalance, and the per-phase error of the voltages the clearing predicted.
/// </summary>
public static class ThreePhaseAcCheck
{
    /// <summary>Z_0/Z_1 of the lines, as in <see cref="LinDist3FlowFormulation"/>.</summary>
    public const double ZeroToPositiveRatio = 4.0;

    /// <summary>Runs the check; null without a grid. Under- and over-voltages are reported per phase as <c>bus.phase</c>.</summary>
    public static AcCheckResult? Run(
        MarketInput scenario,
        IReadOnlyDictionary<ParticipantId, IReadOnlyList<double>> netInjectionKw,
        IReadOnlyDictionary<ParticipantId, IReadOnlyList<double>> consumptionKw,
        IReadOnlyList<double> netImportMw,
        IReadOnlyList<IReadOnlyList<IReadOnlyList<double>>?>? predictedPhaseVoltagesPu,
        double loadPowerFactor,
        IProgress<ProgressUpdate>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(netInjectionKw);
        ArgumentNullException.ThrowIfNull(consumptionKw);
        ArgumentNullException.ThrowIfNull(netImportMw);
        if (scenario.Grid is null)
        {
            return null;
        }

        var index = NetworkIndex.Build(scenario.Grid);
        var network = BalancedNetworkConversion.FromIndex(index, ZeroToPositiveRatio);
        var tanPhi = Math.Tan(Math.Acos(loadPowerFactor));
        var slots = netImportMw.Count;
        var connected = scenario.Participants.Where(x => x.Bus is not null).OrderBy(x => x.Id.Value, StringComparer.Ordinal).ToList();
        var slack = index.SlackIndices.Length > 0 ? index.SlackIndices[0] : -1;
        var connection = scenario.OutsideMarket.ConnectionBus is { } cb ? index.IndexOf(cb) : slack;
        var slotResults = new List<AcCheckSlot>(slots);
        var phaseSlots = new List<ThreePhaseCheckSlot>(slots);
        var violations = new List<AcCheckViolation>();
        var algorithm = PowerFlowAlgorithm.BackwardForwardSweep;
        using var solver = ThreePhasePowerFlow.Prepare(network);
        for (var t = 0; t < slots; t++)
        {
            var loads = new List<ThreePhaseLoad>();
            foreach (var p in connected)
            {
                var bus = index.BusIdOf(index.IndexOf(p.Bus!.Value));
                var kw = netInjectionKw.TryGetValue(p.Id, out var s) ? s[t] : 0.0;
                var kvar = consumptionKw.TryGetValue(p.Id, out var c) ? -c[t] * tanPhi : 0.0;
                if (kw != 0 || kvar != 0)
                {
                    loads.Add(BalancedNetworkConversion.Injection(p.Id.Value, bus, PoolSetup.PhaseOf(p), kw, kvar));
                }
            }

            if (connection >= 0 && connection != slack && netImportMw[t] != 0)
            {
                loads.Add(BalancedNetworkConversion.Injection("outside-market", index.BusIds[connection], PhaseConnection.Abc, netImportMw[t] * 1000, 0));
            }

            var pf = solver.Solve(loads, []);
            algorithm = pf.Algorithm == ThreePhaseAlgorithm.NewtonRaphson ? PowerFlowAlgorithm.NewtonRaphson : PowerFlowAlgorithm.BackwardForwardSweep;
            slotResults.Add(Slot(t, pf, index, predictedPhaseVoltagesPu?[t], violations, out var phaseSlot));
            phaseSlots.Add(phaseSlot);
            progress?.Report(new ProgressUpdate(ProgressPhases.AcCheck, t + 1, slots));
        }

        return new AcCheckResult(algorithm, slotResults, violations) { ThreePhase = new ThreePhaseCheck(ZeroToPositiveRatio, phaseSlots) };
    }

    private static AcCheckSlot Slot(int t, ThreePhasePowerFlowResult pf, NetworkIndex index, IReadOnlyList<IReadOnlyList<double>>? predicted, List<AcCheckViolation> violations, out ThreePhaseCheckSlot phaseSlot)
    {
        double vmin = double.PositiveInfinity, vmax = double.NegativeInfinity, vuf = 0;
        var vminBus = default(BusId);
        var vufBus = string.Empty;
        double[]? error = predicted is null ? null : new double[3];
        foreach (var bus in pf.Buses.OrderBy(b => index.IndexOf(b.Id)))
        {
            var i = index.IndexOf(bus.Id);
            if (bus.VoltageUnbalancePercent > vuf)
            {
                (vuf, vufBus) = (bus.VoltageUnbalancePercent, bus.Id.Value);
            }

            foreach (var v in bus.Phases)
            {
                var phi = (int)v.Phase;
                var name = $"{bus.Id}.{PhaseConnections.Names[phi]}";
                if (v.MagnitudePu < vmin)
                {
                    (vmin, vminBus) = (v.MagnitudePu, bus.Id);
                }

                vmax = Math.Max(vmax, v.MagnitudePu);
                if (error is not null)
                {
                    error[phi] = Math.Max(error[phi], Math.Abs(predicted![i][phi] - v.MagnitudePu));
                }

                if (pf.Converged && double.IsFinite(index.VmMinPu[i]) && v.MagnitudePu < index.VmMinPu[i] - 1e-9)
                {
                    violations.Add(new AcCheckViolation(t, ViolationKind.UnderVoltage, name, v.MagnitudePu, index.VmMinPu[i]));
                }
                else if (pf.Converged && double.IsFinite(index.VmMaxPu[i]) && v.MagnitudePu > index.VmMaxPu[i] + 1e-9)
                {
                    violations.Add(new AcCheckViolation(t, ViolationKind.OverVoltage, name, v.MagnitudePu, index.VmMaxPu[i]));
                }
            }
        }

        var loading = 0.0;
        foreach (var b in pf.Branches)
        {
            if (b.LoadingPercent is { } l)
            {
                loading = Math.Max(loading, l);
                if (pf.Converged && l > 100 + 1e-9)
                {
                    violations.Add(new AcCheckViolation(t, ViolationKind.ThermalOverload, b.Id, l, 100));
                }
            }
        }

        phaseSlot = new ThreePhaseCheckSlot(t, pf.Converged, error, vuf, vufBus);
        var status = pf.Converged ? PowerFlowStatus.Converged : PowerFlowStatus.IterationLimit;
        return new AcCheckSlot(t, status, vmin, vminBus, vmax, loading, pf.LossesKw / 1000, error?.Max(), 0, 0);
    }
}
