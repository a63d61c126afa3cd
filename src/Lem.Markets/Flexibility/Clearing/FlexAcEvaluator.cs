using System.Numerics;
using Lem.Grid.PowerFlow;

namespace Lem.Markets.Flexibility.Clearing;

/// <summary>
/// Runs the AC power flow (docs/power-flow.md) of given net injections on the clearing's network and reads the
/// quantities the clearing limits: branch loading and bus voltages, with the violations beyond the tolerances.
/// </summary>
internal sealed class FlexAcEvaluator : IFlexAcEvaluator
{
    private readonly NetworkIndex _index;
    private readonly PowerFlowModel _model;
    private readonly IPowerFlowSolver _solver;
    private readonly PowerFlowAlgorithm _algorithm;
    private readonly FlexClearingOptions _options;

    public FlexAcEvaluator(NetworkIndex index, FlexClearingOptions options)
    {
        _index = index;
        _options = options;
        _model = PowerFlowModel.Build(index);
        _algorithm = AcPowerFlow.Resolve(_model, PowerFlowAlgorithm.Auto);
        _solver = AcPowerFlow.CreateSolver(_model, PowerFlowOptions.Default);
    }

    /// <summary>The grid file's own injections per solver bus (p.u.).</summary>
    public Complex[] SpecifiedInjectionsPu => [.. _model.SpecifiedSbusPu];

    /// <summary>Solves the power flow of the injections (p.u., injection positive) of a slot.</summary>
    public FlexAcSlot Run(int slot, double[] pPu, double[] qPu)
    {
        var n = _index.BusCount;
        var sbus = new Complex[n];
        for (var i = 0; i < n; i++)
        {
            sbus[i] = new Complex(pPu[i], qPu[i]);
        }

        var v = NewtonRaphsonStart.Voltages(_model, flatStart: false);
        var stats = _solver.Solve(sbus, v);
        var pf = PowerFlowResult.From(_model, v, sbus, stats, _algorithm);
        var vm = new double[n];
        var violations = new List<FlexViolation>();
        for (var i = 0; i < n; i++)
        {
            vm[i] = v[i].Magnitude;
            var id = _index.BusIdOf(i).Value;
            if (vm[i] > _index.VmMaxPu[i] + _options.VoltageTolerancePu)
            {
                violations.Add(new FlexViolation(slot, "overvoltage", id, vm[i], _index.VmMaxPu[i]) { ElementIndex = i });
            }
            else if (vm[i] < _index.VmMinPu[i] - _options.VoltageTolerancePu)
            {
                violations.Add(new FlexViolation(slot, "undervoltage", id, vm[i], _index.VmMinPu[i]) { ElementIndex = i });
            }
        }

        var loading = pf.Branches.Select(b => b.LoadingPercent).ToArray();
        for (var k = 0; k < loading.Length; k++)
        {
            if (loading[k] > 100 + _options.ThermalTolerancePercent)
            {
                violations.Add(new FlexViolation(slot, "overload", _index.BranchIds[k], loading[k], 100) { ElementIndex = k });
            }
        }

        var converged = stats.Status == PowerFlowStatus.Converged;
        return new FlexAcSlot(slot, converged, vm, loading, converged ? violations : []);
    }

    public void Dispose() => _solver.Dispose();
}
