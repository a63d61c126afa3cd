using Lem.Domain.Markets;
using Lem.Domain.Orders;
using Lem.Domain.Participants;
using Lem.Domain.Time;
using Lem.Markets.Clearing;
using Lem.Markets.Distributed;
using Lem.Simulation.Agents;
using Lem.Simulation.Agents.Mpc;
using static Lem.Simulation.Tests.Agents.Community;

namespace Lem.Simulation.Tests.Agents;

/// <summary>
/// Issue 17's acceptance for the MPC prosumers (docs/agents.md#mpc-agents-reproduce-the-pool): with perfect forecasts
/// and the pool's prices as their price forecast, the agents' own LPs decompose the pool — Σ agents' optimal objectives
/// plus the outside market's term equal the pool's optimum (the dual function at the equilibrium prices), and on an
/// instance with a unique optimum each agent's plan is the pool's dispatch — and re-planning slot by slot with perfect
/// forecasts does not change the plan.
/// </summary>
public sealed class MpcAgentTests
{
    private const int Slots = 24;

    private static readonly IClearingMechanism Pool = ClearingMechanisms.TryGet("pool", out var m) ? m : throw new InvalidOperationException();

    private static MpcAgent Agent(Participant p, double horizonHours = 24) => (MpcAgent)(AgentStrategies.TryGet("mpc", out var s) ? s : throw new InvalidOperationException("mpc is not registered")).Create(p, new AgentSettings(HorizonHours: horizonHours));

    private static AgentView View(Participant p, Horizon horizon, OutsideMarket outside, IReadOnlyList<double> prices) =>
        new(0, p, horizon, outside, prices, MechanismSchedulesAssets: true, new Random(1));

    /// <summary>Four households: two with PV and a battery, one with an EV, one with a load only; the community exports at midday.</summary>
    private static Participant[] Households() =>
    [
        Prosumer("h1", LoadAsset("h1-load", Load(Slots, 1.0)), PvAsset("h1-pv", Pv(Slots, 6)), BatteryAsset("h1-bat", 10, 3, 0.95, 5, 5)),
        Prosumer("h2", LoadAsset("h2-load", Load(Slots, 1.4, 0.5)), Ev("h2-ev", 0, 7, 10, 30, 7)),
        Prosumer("h3", LoadAsset("h3-load", Load(Slots, 0.8, 1.0)), PvAsset("h3-pv", Pv(Slots, 4)), BatteryAsset("h3-bat", 6, 2, 0.9, 1, 3)),
        Prosumer("h4", LoadAsset("h4-load", Load(Slots, 1.2, 2.0))),
    ];

    [Fact]
    public void PerfectForecasts_AgentsObjectivesPlusOutsideTerm_EqualThePoolOptimum()
    {
        var import = ImportPrices(Slots);
        var export = import.Select(p => p - 30).ToArray();
        var outside = Outside(import, export, exportLimitKw: 4);
        var horizon = Hourly(Slots);
        var households = Households();
        var pool = Pool.Clear(new ClearingRequest(new MarketInput("mpc-a", horizon, households, outside, null)));
        Assert.True(pool.Succeeded, pool.Message);
        var lambda = Enumerable.Range(0, Slots).Select(t => pool.PricesEurPerMwh[t][0]).ToArray();

        // The instance must exercise both sides: some slots priced at the import price, some at (or below) the export price.
        Assert.Contains(Enumerable.Range(0, Slots), t => Math.Abs(lambda[t] - import[t]) < 1e-6);
        Assert.Contains(Enumerable.Range(0, Slots), t => lambda[t] < import[t] - 1e-6);

        var agents = households.Sum(p =>
        {
            var plan = Agent(p).Plan(View(p, horizon, outside, lambda));
            Assert.True(plan.IsOptimal, plan.Message);
            return plan.ObjectiveEur;
        });

        // The outside market's term of the dual function: min over m ∈ [0, M], x ∈ [0, X] of Σ_t Δt [(π^imp − λ) m − (π^exp − λ) x].
        var outsideTerm = 0.0;
        for (var t = 0; t < Slots; t++)
        {
            var importGain = import[t] - lambda[t];
            var exportGain = lambda[t] - export[t];
            Assert.True(importGain > -1e-6, $"slot {t}: λ {lambda[t]} above the unlimited import price {import[t]}");
            outsideTerm += Math.Min(0, exportGain) * (4.0 / 1000.0) * horizon.SlotHours;
        }

        var poolCost = -(double)pool.WelfareEur;
        Assert.Equal(1.0, (agents + outsideTerm) / poolCost, 6);
        Assert.True(Math.Abs(agents + outsideTerm - poolCost) <= 1e-6 * Math.Abs(poolCost), $"Σ agents {agents} + outside {outsideTerm} ≠ pool {poolCost}");
    }

    [Fact]
    public void PerfectForecasts_UniqueOptimum_EachAgentsPlanIsThePoolsDispatch()
    {
        // A large load keeps the community importing in every slot, so λ_t = π^imp_t (generic prices): each household's
        // price-taking optimum is unique, and so is the pool's dispatch of it.
        var import = ImportPrices(Slots);
        var outside = Outside(import, [.. import.Select(p => p - 30)]);
        var horizon = Hourly(Slots);
        Participant[] households =
        [
            Prosumer("h1", LoadAsset("h1-load", Load(Slots, 1.0)), BatteryAsset("h1-bat", 10, 3, 0.95, 5, 5)),
            Prosumer("h2", LoadAsset("h2-load", Load(Slots, 1.4, 0.5)), Ev("h2-ev", 0, 7, 10, 30, 7)),
            Prosumer("h3", LoadAsset("h3-load", Load(Slots, 0.8, 1.0)), PvAsset("h3-pv", Pv(Slots, 1)), BatteryAsset("h3-bat", 6, 2, 0.9, 1, 3)),
            Prosumer("h4", LoadAsset("h4-load", Load(Slots, 20, 2.0))),
        ];
        var pool = Pool.Clear(new ClearingRequest(new MarketInput("mpc-b", horizon, households, outside, null)));
        Assert.True(pool.Succeeded, pool.Message);
        var lambda = Enumerable.Range(0, Slots).Select(t => pool.PricesEurPerMwh[t][0]).ToArray();
        for (var t = 0; t < Slots; t++)
        {
            Assert.Equal(import[t], lambda[t], 6);
        }

        foreach (var p in households)
        {
            var plan = Agent(p).Plan(View(p, horizon, outside, lambda));
            var dispatch = pool.Positions.Single(x => x.Participant == p.Id).NetInjectionKw;
            var scale = Math.Max(1.0, dispatch.Max(Math.Abs));
            for (var t = 0; t < Slots; t++)
            {
                Assert.True(Math.Abs(plan.NetInjectionKw[t] - dispatch[t]) <= 1e-6 * scale, $"{p.Id}, slot {t}: plan {plan.NetInjectionKw[t]} kW, pool {dispatch[t]} kW");
            }
        }
    }

    [Fact]
    public void WarmStart_EachPlanOfAnAgentThatPlannedBefore_ReachesAFreshAgentsOptimum()
    {
        // An agent keeps its last LP's basis and starts its next plan from it (docs/agents.md#the-mpc-lp, "Warm start"):
        // over five "days" of other prices the warm-started plans must reach the optimum of a fresh agent's cold plan.
        var random = new Random(5);
        var horizon = Hourly(Slots);
        foreach (var p in Households().Where(h => h.Assets.Count > 1))
        {
            var agent = Agent(p);
            for (var day = 0; day < 5; day++)
            {
                var import = ImportPrices(Slots).Select(x => x * (0.7 + (0.6 * random.NextDouble()))).ToArray();
                var outside = Outside(import, [.. import.Select(x => x - (40 * random.NextDouble()))]);
                var view = View(p, horizon, outside, [.. import.Select(x => x * (0.8 + (0.2 * random.NextDouble())))]);
                var warm = agent.Plan(view);
                var cold = Agent(p).Plan(view);
                Assert.True(warm.IsOptimal && cold.IsOptimal, warm.Message + cold.Message);
                Assert.NotNull(warm.Basis);
                Assert.True(Math.Abs(warm.ObjectiveEur - cold.ObjectiveEur) <= 1e-9 * Math.Max(1, Math.Abs(cold.ObjectiveEur)), $"{p.Id}, day {day}: warm {warm.ObjectiveEur}, cold {cold.ObjectiveEur}");
            }
        }
    }

    [Fact]
    public void RollingHorizon_ReplanningEverySlotWithPerfectForecasts_KeepsThePlan()
    {
        // A household with PV and a battery plans the day at slot 0; at every later slot k it re-plans the rest of the day
        // from the state of charge its plan reaches at k. By Bellman's principle the re-plan's objective is the tail of the
        // plan's and (the optimum being unique at generic prices) its first step is the plan's step k.
        var import = ImportPrices(Slots);
        var outside = Outside(import, import);
        var load = Load(Slots, 1.0);
        var pv = Pv(Slots, 5);
        const double Efficiency = 0.92;
        Participant Household(int from, double socKwh) => Prosumer("h", LoadAsset("load", load[from..]), PvAsset("pv", pv[from..]), BatteryAsset("bat", 10, 3, Efficiency, socKwh, 4));
        OutsideMarket From(int k) => Outside(import[k..], import[k..]);

        var first = Agent(Household(0, 4), horizonHours: 1).Plan(View(Household(0, 4), Hourly(Slots), outside, import));
        Assert.True(first.IsOptimal);
        Assert.Equal(0.0, first.AssetCostEur, 9); // no degradation or curtailment cost: the objective is Σ −λ_t x_t Δt
        var soc = 4.0;
        for (var k = 0; k < Slots; k++)
        {
            if (k > 0)
            {
                var view = View(Household(k, soc), Hourly(Slots - k, k), From(k), import[k..]);
                var replan = Agent(view.Forecast, horizonHours: 1).Plan(view);
                Assert.True(replan.IsOptimal);
                var tail = Enumerable.Range(k, Slots - k).Sum(t => -import[t] * first.NetInjectionKw[t] / 1000.0);
                Assert.Equal(tail, replan.ObjectiveEur, 9);
                Assert.True(Math.Abs(replan.NetInjectionKw[0] - first.NetInjectionKw[k]) <= 1e-6, $"slot {k}: re-plan {replan.NetInjectionKw[0]} kW, plan {first.NetInjectionKw[k]} kW");
            }

            // The battery's injection is what the household injects beyond PV less load (PV is never curtailed at λ > 0).
            var battery = first.NetInjectionKw[k] - pv[k] + load[k];
            soc += battery < 0 ? -battery * Efficiency : -battery / Efficiency;
        }
    }

    [Fact]
    public void DayAhead_OrdersThePlan_BuysAtRetail_SellsAtFeedIn()
    {
        var import = ImportPrices(Slots);
        var outside = Outside(import, import) with { FeedInEurPerKwh = Lem.Domain.Series.SlotSeries.Constant(0.05, Slots) };
        var p = Households()[0];
        var view = View(p, Hourly(Slots), outside, import);
        var agent = Agent(p);
        var plan = agent.Plan(view);
        var entered = agent.DayAhead(view);
        Assert.Empty(entered.Assets);
        foreach (var order in entered.Orders)
        {
            var planned = plan.NetInjectionKw[order.SlotIndex];
            Assert.Equal(planned < 0 ? OrderSide.Buy : OrderSide.Sell, order.Side);
            Assert.InRange(Math.Abs(planned) - (double)order.TotalQuantityKwh, 0, 0.001); // whole Wh, rounded towards zero
            Assert.Equal(order.Side == OrderSide.Buy ? 1000m : 50m, order.Steps[0].PriceEurPerMwh);
        }

        Assert.Equal(plan.NetInjectionKw.Count(x => Math.Abs(x) >= 0.001), entered.Orders.Count);
        Assert.Empty(agent.Intraday(view, plan.NetInjectionKw));
    }

    [Fact]
    public void HorizonBeyondTheDay_RepeatsTheForecast_AndCommitsTheDay()
    {
        // Without storage nothing couples the slots: a 48-hour plan is the 24-hour plan twice (forecast and prices repeated).
        var import = ImportPrices(Slots);
        var outside = Outside(import, import);
        var p = Prosumer("h", LoadAsset("load", Load(Slots, 1.0)), PvAsset("pv", Pv(Slots, 5)));
        var view = View(p, Hourly(Slots), outside, import);
        var day = Agent(p).Plan(view);
        var twoDays = Agent(p, horizonHours: 48).Plan(view);
        Assert.Equal(48, twoDays.NetInjectionKw.Count);
        for (var t = 0; t < 48; t++)
        {
            Assert.Equal(day.NetInjectionKw[t % Slots], twoDays.NetInjectionKw[t], 9);
        }

        Assert.Equal(2 * day.ObjectiveEur, twoDays.ObjectiveEur, 9);
        Assert.All(Agent(p, horizonHours: 48).DayAhead(view).Orders, o => Assert.InRange(o.SlotIndex, 0, Slots - 1));
    }
}
