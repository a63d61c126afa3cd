using Lem.Grid.Formulations;
using Lem.Grid.Indexing;
using Lem.Markets.Distributed.Grid;
using Lem.Markets.Pool;
using Lem.Scenarios;
using Lem.Testing;
using Xunit.Abstractions;

namespace Lem.Markets.Tests.Distributed;

/// <summary>The pool's optimal LinDistFlow injections are a fixed point of the grid agent's projection (docs/mechanisms/admm.md#the-grid-agent).</summary>
public sealed class GridAgentFixedPointTests(ITestOutputHelper output)
{
    [Fact]
    [Trait("Category", "Heavy")]
    public void TenHouseholdsOnKerber_ThePoolsInjections_AreAFixedPointOfTheProjection()
    {
        var loaded = ScenarioReader.Parse(System.Text.Encoding.UTF8.GetBytes(TenHouseholdScenario.JsonOnKerberGrid()), RepoPaths.InRepo("examples", "village"));
        Assert.True(loaded.IsValid, string.Join("; ", loaded.Errors));
        var market = loaded.Scenario!;
        var pool = PoolClearing.Clear(market, new LinDistFlowFormulation());
        Assert.Equal(PoolStatus.Optimal, pool.Status);
        var index = NetworkIndex.Build(market.Grid!);
        var slots = market.Horizon.Count;
        var buses = index.BusCount;
        var connection = market.OutsideMarket.ConnectionBus is { } cb ? index.IndexOf(cb) : index.SlackIndices[0];
        var injection = new double[buses * slots];
        var reactive = new double[buses * slots];
        var tanPhi = Math.Tan(Math.Acos(PoolOptions.Default.LoadPowerFactor));
        var busOf = pool.Participants.ToDictionary(d => d.Participant, d => index.IndexOf(d.Bus!.Value));
        foreach (var d in pool.Participants)
        {
            for (var t = 0; t < slots; t++)
            {
                injection[(busOf[d.Participant] * slots) + t] += d.NetInjectionKw[t];
            }
        }

        foreach (var a in pool.Assets)
        {
            if (a.ReactiveConsumptionKw is { } drawn)
            {
                for (var t = 0; t < slots; t++)
                {
                    reactive[(busOf[a.Participant] * slots) + t] -= drawn[t] * tanPhi;
                }
            }
        }

        for (var t = 0; t < slots; t++)
        {
            injection[(connection * slots) + t] += (pool.Slots[t].ImportMwh - pool.Slots[t].ExportMwh) / market.Horizon.SlotHours * 1000.0;
        }

        var agent = new GridAgent("dso", new LinDistFlowFormulation().Prepare(index), connection, reactive, slots);
        var accepted = ((GridProposal)agent.Respond(new GridSignal(1, slots, injection))).InjectionKw;
        var worst = 0.0;
        for (var t = 0; t < slots; t++)
        {
            var sum = 0.0;
            var slotWorst = 0.0;
            for (var b = 0; b < buses; b++)
            {
                sum += injection[(b * slots) + t];
                slotWorst = Math.Max(slotWorst, Math.Abs(accepted[(b * slots) + t] - injection[(b * slots) + t]));
            }

            output.WriteLine($"slot {t}: sum of injections {sum:F4} kW (losses {pool.Slots[t].LossesMw * 1000:F4} kW); largest move by the projection {slotWorst:E3} kW");
            worst = Math.Max(worst, slotWorst);
        }

        Assert.True(worst < 1e-3, $"the projection moves the pool's optimum by {worst} kW");

        var poly = typeof(GridAgent).GetField("_polytope", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(agent);
        output.WriteLine($"polytope {(poly is null ? "null" : "built")}");
        if (poly is not null)
        {
            foreach (var f in poly.GetType().GetFields(System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance))
            {
                output.WriteLine($"  {f.Name}: {(f.GetValue(poly) is Array arr ? arr.Length : f.GetValue(poly))}");
            }
        }

        var bumped = injection.ToArray();
        bumped[(connection * slots) + 22] -= 20.0;
        var accB = ((GridProposal)agent.Respond(new GridSignal(3, slots, bumped))).InjectionKw;
        output.WriteLine($"bumped slot 22 connection by -20 kW: accepted sum {Enumerable.Range(0, buses).Sum(b => accB[(b * slots) + 22]):F4} vs requested {Enumerable.Range(0, buses).Sum(b => bumped[(b * slots) + 22]):F4}");
        var ex = Lem.Markets.Clearing.ClearingMechanisms.Get("exchange").Clear(new Lem.Markets.Clearing.ClearingRequest(market) { Formulation = "lindistflow" });
        var inj2 = new double[buses * slots];
        foreach (var pos in ex.Positions)
        {
            var p = market.Participants.First(x => x.Id == pos.Participant);
            for (var t = 0; t < slots; t++)
            {
                inj2[(index.IndexOf(p.Bus!.Value) * slots) + t] += pos.NetInjectionKw[t];
            }
        }

        for (var t = 0; t < slots; t++)
        {
            inj2[(connection * slots) + t] += ex.ImportKw[t] - ex.ExportKw[t];
        }

        var acc2 = ((GridProposal)agent.Respond(new GridSignal(2, slots, inj2))).InjectionKw;
        output.WriteLine($"exchange welfare {ex.WelfareEur} pool {pool.WelfareEur} status {ex.Status} diag {string.Join(",", ex.Diagnostics.Select(kv => kv.Key + "=" + kv.Value))}");
        for (var t = 0; t < slots; t++)
        {
            double sum = 0, move = 0;
            for (var b = 0; b < buses; b++)
            {
                sum += inj2[(b * slots) + t];
                move = Math.Max(move, Math.Abs(acc2[(b * slots) + t] - inj2[(b * slots) + t]));
            }

            var model = new Lem.Optimization.OptimizationModel("check");
            var prep = new LinDistFlowFormulation().Prepare(index);
            var gv = new Lem.Optimization.Variable[buses];
            var pe = new Lem.Optimization.LinearExpression[buses];
            var qe = new Lem.Optimization.LinearExpression[buses];
            var obj = new Lem.Optimization.LinearExpression();
            for (var b = 0; b < buses; b++)
            {
                gv[b] = b == connection ? model.AddVariable(double.NegativeInfinity, double.PositiveInfinity) : model.AddVariable(inj2[(b * slots) + t] / 1000.0, inj2[(b * slots) + t] / 1000.0);
                pe[b] = new Lem.Optimization.LinearExpression().Add(gv[b], 1.0);
                qe[b] = new Lem.Optimization.LinearExpression().AddConstant(reactive[(b * slots) + t] / 1000.0);
            }

            qe[connection].Add(model.AddVariable(double.NegativeInfinity, double.PositiveInfinity), 1.0);
            prep.AddSlot(model, t, pe, qe);
            obj.Add(gv[connection], 1.0);
            model.SetObjective(obj);
            var sol = Lem.Optimization.Solvers.For(model).Solve(model, Lem.Optimization.SolverOptions.Default);
            double hmove = double.NaN;
            if (sol.Status == Lem.Optimization.SolveStatus.Optimal)
            {
                hmove = 0;
            }

            if (!double.IsNaN(hmove))
            {
                hmove = (sol.Value(gv[connection]) * 1000.0) - inj2[(connection * slots) + t];
            }

            output.WriteLine($"highs {sol.Status} {sol.Message} move {hmove:E3} kW");
            output.WriteLine($"exchange slot {t}: sum {sum:F4} kW; import {ex.ImportKw[t]:F4} vs pool {pool.Slots[t].ImportMwh * 1000 / market.Horizon.SlotHours:F4}; export {ex.ExportKw[t]:F4} vs {pool.Slots[t].ExportMwh * 1000 / market.Horizon.SlotHours:F4}; projection moves {move:E3} kW");
        }
    }
}
