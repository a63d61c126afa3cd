using Lem.Domain.Orders;
using Lem.Domain.Participants;
using Lem.Domain.Sampling;
using Lem.Markets.Clearing;
using Lem.Markets.Continuous;
using static Lem.Markets.Tests.TestScenarios;

namespace Lem.Markets.Tests.Continuous;

/// <summary>The <c>cda</c> mechanism (docs/agents.md#the-cda-mechanism) against hand-computed outcomes and invariants of continuous trading.</summary>
public sealed class ContinuousMechanismTests
{
    private static readonly IClearingMechanism Cda = ClearingMechanisms.TryGet("cda", out var m) ? m : throw new InvalidOperationException("cda is not registered");

    private static ClearingRequest Request(MarketInput market, ulong seed) =>
        new(market) { Options = ClearingOptions.Default with { Parameters = new Dictionary<string, string>(StringComparer.Ordinal) { ["seed"] = seed.ToString(System.Globalization.CultureInfo.InvariantCulture) } } };

    [Fact]
    public void OneBidOneAsk_TradeAtTheRestingPrice_AndNeitherSideIsAlwaysFirst()
    {
        // Sell 10 kWh at 50, buy 10 kWh at 60: whoever arrives second trades at the first one's price, 50 or 60.
        // The welfare is (60 − 50) × 0.01 MWh = 0.1 EUR either way.
        var market = Scenario("pair", Hourly(1), Market([45]),
            Participant("s", ParticipantRole.Producer, orders: [Order("s-1", "s", OrderSide.Sell, 0, (50, 0.01))]),
            Participant("b", ParticipantRole.Consumer, orders: [Order("b-1", "b", OrderSide.Buy, 0, (60, 0.01))]));
        var prices = new HashSet<double>();
        for (ulong seed = 1; seed <= 20; seed++)
        {
            var r = Cda.Clear(Request(market, seed));
            var trade = Assert.Single(r.Trades);
            Assert.Equal(("b", "s", 10.0), (trade.BuyerId, trade.SellerId, trade.QuantityKwh));
            Assert.Equal(0.1m, r.WelfareEur);
            Assert.Equal(trade.PriceEurPerMwh, r.PricesEurPerMwh[0][0]);
            var seller = r.Positions.Single(p => p.Participant.Value == "s");
            Assert.Equal(10.0, seller.NetInjectionKw[0], 12);
            Assert.Equal(trade.PriceEurPerMwh, seller.PriceEurPerMwh[0], 12);
            prices.Add(trade.PriceEurPerMwh);
        }

        Assert.Equal([50.0, 60.0], prices.Order());
    }

    [Fact]
    public void RandomBooks_SatisfyContinuousTradingInvariants()
    {
        // For random orders over 3 slots: each slot's positions sum to zero; every fill lies between the pair's limits
        // (each order trades only at or better than its limit); afterwards no residual bid meets a residual ask (the book
        // is not crossed); the welfare is at most the efficient (call-auction) welfare; the same seed gives the same result.
        var random = new SplitMix64(11);
        for (var instance = 0; instance < 30; instance++)
        {
            var participants = new List<Participant>();
            var orders = new List<Order>();
            for (var i = 0; i < 6; i++)
            {
                var id = $"p{i}";
                var mine = new List<Order>();
                for (var slot = 0; slot < 3; slot++)
                {
                    var side = random.Next(2) == 0 ? OrderSide.Buy : OrderSide.Sell;
                    var steps = Enumerable.Range(0, 1 + random.Next(3)).Select(_ => (Math.Round(random.Uniform(20, 80), 2), Math.Round(random.Uniform(0.001, 0.02), 6))).ToArray();
                    mine.Add(Order($"{id}-{slot}", id, side, slot, steps));
                }

                orders.AddRange(mine);
                participants.Add(Participant(id, ParticipantRole.Prosumer, orders: mine));
            }

            var market = Scenario($"random-{instance}", Hourly(3), Market([45, 45, 45]), [.. participants]);
            var r = Cda.Clear(Request(market, (ulong)instance + 1));
            Assert.True(r.Succeeded);
            for (var t = 0; t < 3; t++)
            {
                Assert.Equal(0.0, r.Positions.Sum(p => p.NetInjectionKw[t]), 9);
            }

            foreach (var trade in r.Trades)
            {
                var buyer = orders.Where(o => o.Owner.Value == trade.BuyerId && o.SlotIndex == trade.Slot && o.Side == OrderSide.Buy).Single();
                var seller = orders.Where(o => o.Owner.Value == trade.SellerId && o.SlotIndex == trade.Slot && o.Side == OrderSide.Sell).Single();
                Assert.Contains(buyer.Steps, s => (double)s.PriceEurPerMwh >= trade.PriceEurPerMwh - 1e-9);
                Assert.Contains(seller.Steps, s => (double)s.PriceEurPerMwh <= trade.PriceEurPerMwh + 1e-9);
            }

            for (var t = 0; t < 3; t++)
            {
                // Only one-step orders' residual prices are known (the fills of a multi-step order are spread over its
                // steps in arrival order): the highest residual one-step bid must lie below the lowest residual one-step ask.
                var residual = orders.Where(o => o.SlotIndex == t && r.OrderFillsKwh!.GetValueOrDefault(o.Id.Value) < (double)o.TotalQuantityKwh - 1e-6).ToList();
                var bids = residual.Where(o => o.Side == OrderSide.Buy && o.Steps.Count == 1).Select(o => o.Steps[0].PriceEurPerMwh);
                var asks = residual.Where(o => o.Side == OrderSide.Sell && o.Steps.Count == 1).Select(o => o.Steps[0].PriceEurPerMwh);
                if (bids.Any() && asks.Any())
                {
                    Assert.True(bids.Max() < asks.Min(), $"instance {instance}, slot {t}: residual bid {bids.Max()} meets residual ask {asks.Min()}");
                }
            }

            var efficient = ClearingMechanisms.TryGet("uniform", out var auction) ? auction.Clear(new ClearingRequest(market)) : throw new InvalidOperationException();
            Assert.True(r.WelfareEur <= efficient.WelfareEur + 1e-9m, $"cda welfare {r.WelfareEur} above the efficient {efficient.WelfareEur}");
            Assert.Equal(r.Trades, Cda.Clear(Request(market, (ulong)instance + 1)).Trades);
        }
    }

    [Fact]
    public void Check_ReportsAssetsAndABadSeed_AllAtOnce()
    {
        var market = Scenario("bad", Hourly(1), Market([45]), Participant("h", ParticipantRole.Consumer, assets: [Load("l", 1.0)]));
        var request = new ClearingRequest(market) { Options = ClearingOptions.Default with { Parameters = new Dictionary<string, string>(StringComparer.Ordinal) { ["seed"] = "x" } } };
        var codes = Cda.Check(request).Select(e => (e.Path, e.Code)).ToList();
        Assert.Contains(("participants[0].assets", "clearing.assets_not_supported"), codes);
        Assert.Contains(("parameters.seed", "clearing.bad_parameter"), codes);
        Assert.Contains(("participants", "clearing.no_orders"), codes);
    }
}
