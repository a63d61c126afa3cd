using Lem.Domain.Orders;
using Lem.Domain.Participants;
using Lem.Domain.Series;
using Lem.Markets.Clearing;
using Lem.Markets.Distributed;
using Lem.Simulation.Agents;
using static Lem.Simulation.Tests.Agents.Community;

namespace Lem.Simulation.Tests.Agents;

/// <summary>The <c>zi-c</c> and <c>zi</c> strategies (docs/agents.md#zero-intelligence-zi-c-and-zi) and their orders on the <c>cda</c> mechanism.</summary>
public sealed class ZeroIntelligenceAgentTests
{
    private const int Slots = 24;
    private static readonly AgentSettings Settings = new(PriceFloorEurPerMwh: 0, PriceCapEurPerMwh: 500, Seed: 3);

    private static IAgentStrategy Strategy(string name) => AgentStrategies.TryGet(name, out var s) ? s : throw new InvalidOperationException($"{name} is not registered");

    /// <summary>Retail 0.30 EUR/kWh, feed-in 0.08 EUR/kWh.</summary>
    private static Lem.Domain.Markets.OutsideMarket Tariffs()
    {
        var import = ImportPrices(Slots);
        return Outside(import, import) with { RetailEurPerKwh = SlotSeries.Constant(0.30, Slots), FeedInEurPerKwh = SlotSeries.Constant(0.08, Slots) };
    }

    private static Participant[] Households() =>
    [
        Prosumer("h1", LoadAsset("h1-load", Load(Slots, 1.0)), PvAsset("h1-pv", Pv(Slots, 6)), BatteryAsset("h1-bat", 10, 3, 0.95, 5, 5)),
        Prosumer("h2", LoadAsset("h2-load", Load(Slots, 1.4, 0.5))),
        Prosumer("h3", LoadAsset("h3-load", Load(Slots, 0.8, 1.0)), PvAsset("h3-pv", Pv(Slots, 4))),
        Prosumer("h4", LoadAsset("h4-load", Load(Slots, 1.2, 2.0))),
    ];

    private static AgentView View(Participant p, int seed) => new(0, p, Hourly(Slots), Tariffs(), [], MechanismSchedulesAssets: false, new Random(seed));

    [Fact]
    public void ZiC_OrdersItsSelfConsumptionSchedule_AtPricesThatNeverLose()
    {
        foreach (var p in Households())
        {
            var view = View(p, 5);
            var schedule = PriceResponse.Plan(p, view.Horizon, [.. Enumerable.Repeat(300.0, Slots)], [.. Enumerable.Repeat(80.0, Slots)]).NetInjectionKw;
            var entered = Strategy("zi-c").Create(p, Settings).DayAhead(view);
            Assert.Empty(entered.Assets);
            Assert.Equal(schedule.Count(x => Math.Abs(x) >= 0.001), entered.Orders.Count);
            foreach (var o in entered.Orders)
            {
                Assert.Equal(schedule[o.SlotIndex] < 0 ? OrderSide.Buy : OrderSide.Sell, o.Side);
                Assert.InRange(Math.Abs(schedule[o.SlotIndex]) - (double)o.TotalQuantityKwh, 0, 0.001);
                var price = o.Steps[0].PriceEurPerMwh;
                Assert.InRange(price, o.Side == OrderSide.Buy ? 0m : 80m, o.Side == OrderSide.Buy ? 300m : 500m);
            }
        }
    }

    [Fact]
    public void Zi_DrawsOverTheWholeRange_SoSomeBidsExceedTheValueAndSomeAsksFallBelowTheCost()
    {
        var orders = Households().SelectMany(p => Enumerable.Range(1, 10).SelectMany(seed => Strategy("zi").Create(p, Settings).DayAhead(View(p, seed)).Orders)).ToList();
        Assert.All(orders, o => Assert.InRange(o.Steps[0].PriceEurPerMwh, 0m, 500m));
        Assert.Contains(orders, o => o.Side == OrderSide.Buy && o.Steps[0].PriceEurPerMwh > 300m);
        Assert.Contains(orders, o => o.Side == OrderSide.Sell && o.Steps[0].PriceEurPerMwh < 80m);
    }

    [Fact]
    public void ZiC_OnTheCda_NoBuyerPaysAboveRetail_NoSellerGetsBelowFeedIn()
    {
        var households = Households();
        var entered = households.Select((p, i) => Strategy("zi-c").Create(p, Settings).DayAhead(View(p, 100 + i))).ToList();
        var cda = ClearingMechanisms.TryGet("cda", out var m) ? m : throw new InvalidOperationException();
        var market = new MarketInput("zi-c", Hourly(Slots), entered, Tariffs(), null);
        Assert.Empty(cda.Check(new ClearingRequest(market)));
        var result = cda.Clear(new ClearingRequest(market));
        Assert.NotEmpty(result.Trades);
        Assert.All(result.Trades, t => Assert.InRange(t.PriceEurPerMwh, 80, 300));
        Assert.True(result.WelfareEur >= 0);
    }

    [Fact]
    public void SameSeed_SameOrders()
    {
        var p = Households()[0];
        var a = Strategy("zi-c").Create(p, Settings).DayAhead(View(p, 9)).Orders;
        var b = Strategy("zi-c").Create(p, Settings).DayAhead(View(p, 9)).Orders;
        Assert.Equal(a.Select(o => (o.Id, o.Side, o.Steps[0])), b.Select(o => (o.Id, o.Side, o.Steps[0])));
    }
}
