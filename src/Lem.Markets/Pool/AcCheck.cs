using System.Numerics;
using Lem.Domain.Progress;
using Lem.Grid.PowerFlow;

namespace Lem.Markets.Pool;

/// <summary>
/// Checks a cleared pool against the AC power flow: for every slot the cleared net injections (active from the
/// dispatch, reactive from the loads' power factor, the outside market at its connection bus) are solved on the
/// grid, and voltages, loading, losses (series, transformer no-load and shunt) and limit violations are reported with the difference between the
/// formulation's voltages and the AC ones.
/// </summary>
public static class AcCheck
{
    /// <summary>Runs the check; returns null when the scenario has no grid.</summary>
    public static AcCheckResult? Run(PoolResult result, MarketInput scenario, PoolOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(scenario);
        if (scenario.Grid is null || result.Status != PoolStatus.Optimal)
        {
            return null;
        }

        options ??= PoolOptions.Default;
        var injections = result.Participants.ToDictionary(d => d.Participant, d => d.NetInjectionKw);
        var consumption = new Dictionary<ParticipantId, double[]>();
        foreach (var asset in result.Assets)
        {
            if (asset.ReactiveConsumptionKw is not { } drawn)
            {
                continue;
            }

            if (!consumption.TryGetValue(asset.Participant, out var sum))
            {
                consumption[asset.Participant] = sum = new double[result.Slots.Count];
            }

            for (var t = 0; t < sum.Length; t++)
            {
                sum[t] += drawn[t];
            }
        }

        var netImportMw = result.Slots.Select(x => (x.ImportMwh - x.ExportMwh) / scenario.Horizon.SlotHours).ToList();
        return Run(scenario, injections, consumption.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<double>)kv.Value), netImportMw, [.. result.Slots.Select(x => x.VoltagesPu)], options.LoadPowerFactor, options.Clearing.Progress);
    }

    /// <summary>
    /// Runs the check on given injections: each participant's net injection per slot (kW, injection positive), the
    /// consumption that draws reactive power at <paramref name="loadPowerFactor"/>, the outside market's net import per
    /// slot (MW) at its connection bus, and optionally the voltages a formulation predicted per slot. Every slot solved
    /// is reported once to <paramref name="progress"/> (<see cref="ProgressPhases.AcCheck"/>, total: the slots).
    /// </summary>
    public static AcCheckResult? Run(
        MarketInput scenario,
        IReadOnlyDictionary<ParticipantId, IReadOnlyList<double>> netInjectionKw,
        IReadOnlyDictionary<ParticipantId, IReadOnlyList<double>> consumptionKw,
        IReadOnlyList<double> netImportMw,
        IReadOnlyList<IReadOnlyList<double>?>? predictedVoltagesPu,
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

        var (index, model, p, q) = Injections(scenario, scenario.Grid, netInjectionKw, consumptionKw, netImportMw, loadPowerFactor);
        var baseMva = index.BaseMva;
        var slots = netImportMw.Count;
        var algorithm = AcPowerFlow.Resolve(model, PowerFlowAlgorithm.Auto);
        using var solver = AcPowerFlow.CreateSolver(model, PowerFlowOptions.Default);
        var v = NewtonRaphsonStart.Voltages(model, flatStart: false);
        var sbus = new Complex[index.BusCount];
        var slotResults = new List<AcCheckSlot>(slots);
        var violations = new List<AcCheckViolation>();
        for (var t = 0; t < slots; t++)
        {
            for (var i = 0; i < index.BusCount; i++)
            {
                // Grid-file loads and generators are replaced by the cleared injections.
                sbus[i] = new Complex(p[t, i] / baseMva, q[t, i] / baseMva);
            }

            var stats = solver.Solve(sbus, v);
            var pf = PowerFlowResult.From(model, v, sbus, stats, algorithm);
            double? deviation = null;
            if (predictedVoltagesPu?[t] is { } predicted)
            {
                deviation = 0;
                for (var i = 0; i < index.BusCount; i++)
                {
                    deviation = Math.Max(deviation.Value, Math.Abs(predicted[i] - v[i].Magnitude));
                }
            }

            var maxLoading = pf.Branches.Count == 0 ? 0 : pf.Branches.Max(b => b.LoadingPercent);
            slotResults.Add(new AcCheckSlot(t, pf.Status, pf.VmMinPu, pf.VmMinBus, pf.VmMaxPu, maxLoading, pf.LossesMw, deviation, pf.TransformerNoLoadLossesMw, pf.ShuntLossesMw, pf.Buses, pf.Branches));
            violations.AddRange(pf.Violations.Select(x => new AcCheckViolation(t, x.Kind, x.ElementId, x.Value, x.Limit)));
            if (stats.Status != PowerFlowStatus.Converged)
            {
                v = NewtonRaphsonStart.Voltages(model, flatStart: false);
            }

            progress?.Report(new ProgressUpdate(ProgressPhases.AcCheck, t + 1, slots));
        }

        return new AcCheckResult(algorithm, slotResults, violations);
    }

    /// <summary>
    /// The active and reactive injections (MW, Mvar) per slot and solver bus that the check solves: the participants'
    /// net injections at their buses, the reactive draw of their consumption, the outside market's net import at its
    /// connection bus (the slack's bus when none is given).
    /// </summary>
    internal static (NetworkIndex Index, PowerFlowModel Model, double[,] P, double[,] Q) Injections(
        MarketInput scenario,
        GridNetwork grid,
        IReadOnlyDictionary<ParticipantId, IReadOnlyList<double>> netInjectionKw,
        IReadOnlyDictionary<ParticipantId, IReadOnlyList<double>> consumptionKw,
        IReadOnlyList<double> netImportMw,
        double loadPowerFactor)
    {
        var index = NetworkIndex.Build(grid);
        var model = PowerFlowModel.Build(index);
        var tanPhi = Math.Tan(Math.Acos(loadPowerFactor));
        var slots = netImportMw.Count;
        var p = new double[slots, index.BusCount];
        var q = new double[slots, index.BusCount];
        var busOf = scenario.Participants.Where(x => x.Bus is not null).ToDictionary(x => x.Id, x => index.IndexOf(x.Bus!.Value));
        foreach (var (participant, series) in netInjectionKw)
        {
            if (busOf.TryGetValue(participant, out var bus))
            {
                for (var t = 0; t < slots; t++)
                {
                    p[t, bus] += series[t] / 1000;
                }
            }
        }

        foreach (var (participant, series) in consumptionKw)
        {
            if (busOf.TryGetValue(participant, out var bus))
            {
                for (var t = 0; t < slots; t++)
                {
                    q[t, bus] -= series[t] / 1000 * tanPhi;
                }
            }
        }

        var connection = scenario.OutsideMarket.ConnectionBus is { } cb ? index.IndexOf(cb) : index.SlackIndices[0];
        for (var t = 0; t < slots; t++)
        {
            p[t, connection] += netImportMw[t];
        }

        return (index, model, p, q);
    }
}
