using System.Numerics;
using Lem.Grid.Indexing;
using Lem.Grid.Network;
using Lem.Grid.PowerFlow;

namespace Lem.Grid.Tests.PowerFlow;

/// <summary>Runs Newton-Raphson power flows for the tests and checks the results' internal consistency.</summary>
internal static class NewtonRaphsonTestSupport
{
    /// <summary>
    /// Builds the model of a network and solves it from <paramref name="start"/> (default: the case's start values,
    /// <see cref="PowerFlowModel.StartVoltages"/> without flat start, as MATPOWER does).
    /// </summary>
    public static (PowerFlowModel Model, PowerFlowResult Result, Complex[] Voltages) Solve(GridNetwork network, double tolerancePu = 1e-8, Func<PowerFlowModel, Complex[]>? start = null)
    {
        var model = PowerFlowModel.Build(NetworkIndex.Build(network));
        var options = PowerFlowOptions.Default with { Algorithm = PowerFlowAlgorithm.NewtonRaphson, TolerancePu = tolerancePu };
        using var solver = new NewtonRaphsonSolver(model, options);
        var v = start is null ? model.StartVoltages(false) : start(model);
        var history = new List<double>();
        var stats = solver.Solve(model.SpecifiedSbusPu, v, history);
        return (model, PowerFlowResult.From(model, v, model.SpecifiedSbusPu, stats, solver.Algorithm, history), v);
    }

    /// <summary>
    /// Asserts the active power balance Σ_i P_i = Σ_branches (P_from + P_to) + Σ_i G_sh,i·|V_i|², which follows from
    /// S_i = V_i·conj(Σ_k Y_ik·V_k) with Ybus = Σ branch blocks + diag(shunts).
    /// </summary>
    public static void AssertActivePowerBalance(PowerFlowModel model, PowerFlowResult result, double toleranceMw, string what)
    {
        // Injections over every reported bus (merged buses included); shunts once per solver bus at its voltage.
        var injected = result.Buses.Sum(b => b.PInjectionMw);
        var byId = result.Buses.ToDictionary(b => b.Id);
        var shunts = 0.0;
        for (var i = 0; i < model.BusCount; i++)
        {
            var vm = byId[model.Index.BusIds[i]].VmPu;
            shunts += model.ShuntPu[i].Real * vm * vm * model.Index.BaseMva;
        }

        var branches = 0.0;
        foreach (var b in result.Branches)
        {
            branches += b.PFromMw + b.PToMw;
        }

        Assert.True(
            Math.Abs(injected - (branches + shunts)) <= toleranceMw,
            $"{what}: Σ injections {injected:R} MW ≠ Σ branch (Pf + Pt) {branches:R} + shunts {shunts:R} MW (difference {injected - branches - shunts:G3}).");
    }
}
