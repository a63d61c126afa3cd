using Lem.Domain.Markets;
using Lem.Domain.Orders;
using Lem.Domain.Participants;
using Lem.Domain.Series;
using Lem.Markets.Clearing;
using Lem.Simulation.Intraday;
using static Lem.Simulation.Tests.Agents.Community;

namespace Lem.Simulation.Tests.Intraday;

/// <summary>
/// The continuous intraday stage clears through the <c>cda</c> mechanism (docs/simulation.md#intraday): the same
/// arrival rule (so the same trades for the same seed) and the same tick rule (limit prices rounded in the order's
/// favour: a buy down, a sell up — not half away from zero as the intraday's own book did).
/// </summary>
public sealed class ContinuousIntradayTests
{
    private static Order Buy(string owner, int slot, decimal price, decimal kwh) => new(new OrderId($"{owner}-b{slot}"), new ParticipantId(owner), OrderSide.Buy, slot, price, kwh);

    private static Order Sell(string owner, int slot, decimal price, decimal kwh) => new(new OrderId($"{owner}-s{slot}"), new ParticipantId(owner), OrderSide.Sell, slot, price, kwh);

    [Fact]
    public void TradesAtTheRestingOrdersPriceOnTheTickInTheOrdersFavour()
    {
        // A buy limit of 60.005 is 60.00 on the tick (half away from zero would make it 60.01); a sell limit of 49.995 is 50.00.
        var outcome = new ContinuousIntraday().Trade([Buy("b", 0, 60.005m, 5m), Sell("s", 0, 49.995m, 5m)], Hourly(1), 3);
        Assert.Equal(1, outcome.Trades);
        Assert.Equal(-5.0, outcome.NetInjectionKw[new ParticipantId("b")][0], 1e-9);
        Assert.Equal(5.0, outcome.NetInjectionKw[new ParticipantId("s")][0], 1e-9);
        var paid = outcome.CostEur[new ParticipantId("b")];
        Assert.True(paid is 0.25m or 0.30m, $"the buyer paid {paid} EUR: 5 kWh at the resting 50.00 or 60.00 EUR/MWh");
        Assert.Equal(-paid, outcome.CostEur[new ParticipantId("s")]);
    }

    [Fact]
    public void SameTradesAsTheCdaMechanismForTheSameSeed()
    {
        // Many crossing orders over three slots: the arrival order decides who trades with whom and at which price.
        var random = new Random(5);
        var orders = new List<Order>();
        for (var k = 0; k < 12; k++)
        {
            var slot = k % 3;
            orders.Add(Buy($"b{k}", slot, 40m + random.Next(0, 40), 1m + random.Next(0, 5)));
            orders.Add(Sell($"s{k}", slot, 30m + random.Next(0, 40), 1m + random.Next(0, 5)));
        }

        var horizon = Hourly(3);
        var intraday = new ContinuousIntraday().Trade(orders, horizon, 11);
        var traders = orders.GroupBy(o => o.Owner).Select(g => new Participant(g.Key, null, ParticipantRole.Prosumer, null, [], [.. g], [])).ToList();
        var zero = SlotSeries.Constant(0.0, 3);
        var cda = ClearingMechanisms.Get("cda").Clear(new ClearingRequest(new MarketInput("cda", horizon, traders, new OutsideMarket(zero, zero, zero, zero, null, null, null), null))
        {
            Options = ClearingOptions.Default with { Parameters = new Dictionary<string, string> { ["seed"] = "11" } },
        });
        Assert.True(cda.Trades.Count > 3);
        Assert.Equal(cda.Trades.Count, intraday.Trades);
        foreach (var p in traders)
        {
            // Each trader's net energy per slot and net cost are those of the cda's trades.
            var kw = new double[3];
            var eur = 0m;
            foreach (var t in cda.Trades.Where(t => t.BuyerId == p.Id.Value || t.SellerId == p.Id.Value))
            {
                var sign = t.SellerId == p.Id.Value ? 1 : -1;
                kw[t.Slot] += sign * t.QuantityKwh;
                eur -= sign * Math.Round((decimal)t.QuantityKwh, 6) * Math.Round((decimal)t.PriceEurPerMwh, 6) / 1000m;
            }

            var traded = intraday.NetInjectionKw.TryGetValue(p.Id, out var q) ? q : new double[3];
            for (var t = 0; t < 3; t++)
            {
                Assert.Equal(kw[t], traded[t], 1e-9);
            }

            Assert.Equal(eur, intraday.CostEur.GetValueOrDefault(p.Id));
        }
    }
}
