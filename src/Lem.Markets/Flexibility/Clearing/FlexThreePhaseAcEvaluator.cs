using System.Numerics;
using Lem.Grid.PowerFlow;
using Lem.Grid.ThreePhase;
using Lem.Grid.ThreePhase.Conversion;
using Lem.Grid.ThreePhase.PowerFlow;

namespace Lem.Markets.Flexibility.Clearing;

/// <summary>
/// The three-phase AC check of a per-phase flexibility clearing (docs/three-phase.md#flexibility-on-three-phases): the
/// grid as a <see cref="ThreePhaseNetwork"/> (<see cref="BalancedNetworkConversion"/>, Z_0 = 4·Z_1 as in
/// <see cref="ThreePhaseAcCheck"/>), the injections per (bus, phase) as wye constant-power loads, solved with
/// <see cref="ThreePhasePowerFlow"/>; voltages per (bus, phase), loading per (branch, phase) at the worse end (a line's
/// phase current over its rated current, a transformer's |S^φ| over a third of its rating), violations named <c>element.phase</c>.
/// </summary>
internal sealed class FlexThreePhaseAcEvaluator : IFlexAcEvaluator
{
    private readonly NetworkIndex _index;
    private readonly FlexClearingOptions _options;
    private readonly PreparedThreePhasePowerFlow _solver;
    private readonly Complex[] _specified;

    public FlexThreePhaseAcEvaluator(NetworkIndex index, FlexClearingOptions options)
    {
        _index = index;
        _options = options;
        _solver = ThreePhasePowerFlow.Prepare(BalancedNetworkConversion.FromIndex(index, ThreePhaseAcCheck.ZeroToPositiveRatio));
        _specified = [.. PowerFlowModel.Build(index).SpecifiedSbusPu];
    }

    /// <inheritdoc />
    public Complex[] SpecifiedInjectionsPu => [.. _specified];

    /// <inheritdoc />
    public FlexAcSlot Run(int slot, double[] pPu, double[] qPu)
    {
        int n = _index.BusCount, m = _index.BranchCount;
        var kw = _index.BaseMva * 1000;
        var loads = new List<ThreePhaseLoad>(n);
        for (var i = 0; i < n; i++)
        {
            var p = new double[3];
            var q = new double[3];
            for (var phi = 0; phi < 3; phi++)
            {
                p[phi] = -pPu[(i * 3) + phi] * kw;
                q[phi] = -qPu[(i * 3) + phi] * kw;
            }

            if (p.Any(x => x != 0) || q.Any(x => x != 0))
            {
                loads.Add(new ThreePhaseLoad { Id = $"flex-{_index.BusIds[i]}", Bus = _index.BusIds[i], PowerKw = p, ReactivePowerKvar = q });
            }
        }

        var pf = _solver.Solve(loads, []);
        var vm = new double[3 * n];
        var violations = new List<FlexViolation>();
        var vuf = 0.0;
        foreach (var bus in pf.Buses)
        {
            var i = _index.IndexOf(bus.Id);
            vuf = Math.Max(vuf, bus.VoltageUnbalancePercent);
            foreach (var v in bus.Phases)
            {
                var e = (i * 3) + (int)v.Phase;
                vm[e] = v.MagnitudePu;
                var name = $"{bus.Id}.{PhaseConnections.Names[(int)v.Phase]}";
                if (vm[e] > _index.VmMaxPu[i] + _options.VoltageTolerancePu)
                {
                    violations.Add(new FlexViolation(slot, "overvoltage", name, vm[e], _index.VmMaxPu[i]) { ElementIndex = e });
                }
                else if (vm[e] < _index.VmMinPu[i] - _options.VoltageTolerancePu)
                {
                    violations.Add(new FlexViolation(slot, "undervoltage", name, vm[e], _index.VmMinPu[i]) { ElementIndex = e });
                }
            }
        }

        var loading = new double[3 * m];
        var byId = pf.Branches.GroupBy(b => (b.Id, b.IsTransformer)).ToDictionary(g => g.Key, g => g.First());
        for (var k = 0; k < m; k++)
        {
            var rating = _index.RatingPu[k];
            if (!(double.IsFinite(rating) && rating > 0) || !byId.TryGetValue((_index.BranchIds[k], _index.BranchKinds[k] == BranchKind.Transformer), out var branch))
            {
                continue;
            }

            // Lines: the phase current over the rating's current (as the balanced power flow and pandapower load a line);
            // transformers: |S^φ| over a third of the rating.
            var perPhaseKva = rating * kw / 3;
            var maxCurrentA = rating * kw / (Math.Sqrt(3) * _index.BaseKv[_index.FromIndex[k]]);
            foreach (var f in branch.Phases.Concat(branch.ToPhases))
            {
                var e = (k * 3) + (int)f.Phase;
                var value = branch.IsTransformer
                    ? Math.Sqrt((f.PowerKw * f.PowerKw) + (f.ReactivePowerKvar * f.ReactivePowerKvar)) / perPhaseKva
                    : f.CurrentA / maxCurrentA;
                loading[e] = Math.Max(loading[e], value * 100);
            }

            for (var phi = 0; phi < 3; phi++)
            {
                var e = (k * 3) + phi;
                if (loading[e] > 100 + _options.ThermalTolerancePercent)
                {
                    violations.Add(new FlexViolation(slot, "overload", $"{_index.BranchIds[k]}.{PhaseConnections.Names[phi]}", loading[e], 100) { ElementIndex = e });
                }
            }
        }

        return new FlexAcSlot(slot, pf.Converged, vm, loading, pf.Converged ? violations : []) { Phases = 3, MaxUnbalancePercent = vuf };
    }

    /// <inheritdoc />
    public void Dispose() => _solver.Dispose();
}
