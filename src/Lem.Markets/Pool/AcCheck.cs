using System.Numerics;
using Lem.Grid.Indexing;
using Lem.Grid.Network;
using Lem.Grid.PowerFlow;

namespace Lem.Markets.Pool;

/// <summary>
/// Checks a cleared pool against the AC power flow: for every slot the cleared net injections (active from the
/// dispatch, reactive from the loads' power factor, the outside market at its connection bus) are solved on the
/// grid, and voltages, loading, losses and limit violations are reported with the difference between the
/// formulation's voltages and the AC ones.
/// </summary>
public static class AcCheck
{
    /// <summary>Runs the check; returns null when the scenario has no grid.</summary>
    public static AcCheckResult? Run(PoolResult result, Scenarios.Scenario scenario, PoolOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(scenario);
        if (scenario.Grid is null || result.Status != PoolStatus.Optimal)
        {
            return null;
        }

        options ??= PoolOptions.Default;
        var index = NetworkIndex.Build(scenario.Grid);
        var model = PowerFlowModel.Build(index);
        var baseMva = index.BaseMva;
        var tanPhi = Math.Tan(Math.Acos(options.LoadPowerFactor));
        var slots = result.Slots.Count;
        var p = new double[slots, index.BusCount];
        var q = new double[slots, index.BusCount];

        var busOf = scenario.Participants.Where(x => x.Bus is not null).ToDictionary(x => x.Id, x => index.IndexOf(x.Bus!.Value));
        foreach (var d in result.Participants)
        {
            if (!busOf.TryGetValue(d.Participant, out var bus))
            {
                continue;
            }

            for (var t = 0; t < slots; t++)
            {
                p[t, bus] += d.NetInjectionKw[t] / 1000;
            }
        }

        foreach (var load in result.Assets.OfType<LoadDispatch>())
        {
            if (!busOf.TryGetValue(load.Participant, out var bus))
            {
                continue;
            }

            for (var t = 0; t < slots; t++)
            {
                q[t, bus] -= load.ConsumptionKw[t] / 1000 * tanPhi;
            }
        }

        var connection = scenario.OutsideMarket.ConnectionBus is { } cb ? index.IndexOf(cb) : index.SlackIndices[0];
        for (var t = 0; t < slots; t++)
        {
            p[t, connection] += (result.Slots[t].ImportMwh - result.Slots[t].ExportMwh) / scenario.Horizon.SlotHours;
        }

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
            if (result.Slots[t].VoltagesPu is { } predicted)
            {
                deviation = 0;
                for (var i = 0; i < index.BusCount; i++)
                {
                    deviation = Math.Max(deviation.Value, Math.Abs(predicted[i] - pf.Buses[i].VmPu));
                }
            }

            var maxLoading = pf.Branches.Count == 0 ? 0 : pf.Branches.Max(b => b.LoadingPercent);
            slotResults.Add(new AcCheckSlot(t, pf.Status, pf.VmMinPu, pf.VmMinBus, pf.VmMaxPu, maxLoading, pf.LossesMw, deviation));
            violations.AddRange(pf.Violations.Select(x => new AcCheckViolation(t, x.Kind, x.ElementId, x.Value, x.Limit)));
            if (stats.Status != PowerFlowStatus.Converged)
            {
                v = NewtonRaphsonStart.Voltages(model, flatStart: false);
            }
        }

        return new AcCheckResult(algorithm, slotResults, violations);
    }
}
