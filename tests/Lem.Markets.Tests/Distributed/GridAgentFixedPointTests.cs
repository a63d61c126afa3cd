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
    }
}
