using Lem.Domain.Orders;
using Lem.Markets.Auctions;
using Lem.Testing;
using NodaTime;

namespace Lem.Markets.Tests.Auctions;

/// <summary>The tie examples of docs/mechanisms/pool.md#worked-example-three-periods-on-the-copper-plate through the uniform-price call auction (quantities in kWh, MWh × 1000).</summary>
public sealed class Section1TieTests
{
    private static AuctionBook Section1()
    {
        var offers = new[] { (10.0, 50_000.0), (20.0, 50_000.0), (35.0, 50_000.0) };
        return new AuctionBook(
        [
            AuctionBooks.Order("seller-a", OrderSide.Sell, 0, 0, offers),
            AuctionBooks.Order("seller-a", OrderSide.Sell, 1, 1, offers),
            AuctionBooks.Order("seller-a", OrderSide.Sell, 2, 2, (10, 50_000), (20, 50_000)),
            AuctionBooks.Order("seller-b", OrderSide.Sell, 2, 3, (20, 50_000)),
            AuctionBooks.Order("buyer", OrderSide.Buy, 0, 4, (50, 60_000), (30, 40_000), (15, 30_000)),
            AuctionBooks.Order("buyer", OrderSide.Buy, 1, 5, (50, 60_000), (30, 60_000)),
            AuctionBooks.Order("buyer", OrderSide.Buy, 2, 6, (40, 130_000)),
        ]);
    }

    [Theory]
    [InlineData(UniformPriceRule.KDouble, new[] { 25.0, 30.0, 20.0 })]
    [InlineData(UniformPriceRule.MarginalOrder, new[] { 20.0, 30.0, 20.0 })]
    public void Section1_PricesFollowTheRule(UniformPriceRule rule, double[] expected)
    {
        var r = new UniformPriceAuction { PriceRule = rule }.Clear(Section1());

        double[] volumesKwh = [100_000, 100_000, 130_000];
        Assert.Equal([0, 1, 2], r.Slots.Select(s => s.Slot));
        for (var t = 0; t < 3; t++)
        {
            Approx.Equal(expected[t], r.Slots[t].ClearingPriceEurPerMwh!.Value, 1e-9, what: $"price in period {t + 1}");
            Assert.Equal(volumesKwh[t], r.Slots[t].TradedVolumeKwh, 6);
        }

        Assert.Equal((20.0, 30.0), (r.Slots[0].PriceLowEurPerMwh, r.Slots[0].PriceHighEurPerMwh));
        Assert.Equal((30.0, 30.0), (r.Slots[1].PriceLowEurPerMwh, r.Slots[1].PriceHighEurPerMwh));
        Assert.Equal(2700m, r.Slots[0].WelfareEur);
        Assert.Equal(2700m, r.Slots[1].WelfareEur);
        Assert.Equal(3100m, r.Slots[2].WelfareEur);
    }

    [Fact]
    public void Section1_Period3_TiedOffersSplit40To40ProRata()
    {
        var r = new UniformPriceAuction().Clear(Section1());
        var sold = r.Slots[2].Trades
            .GroupBy(t => (t.Seller.Value, t.AskEurPerMwh))
            .ToDictionary(g => g.Key, g => g.Sum(t => t.QuantityKwh));

        Assert.Equal(50_000.0, sold[("seller-a", 10.0)], 6);
        Assert.Equal(40_000.0, sold[("seller-a", 20.0)], 6);
        Assert.Equal(40_000.0, sold[("seller-b", 20.0)], 6);
        Assert.Contains(r.Rules, rule => rule.Contains("pro rata", StringComparison.Ordinal));
    }

    [Fact]
    public void TiedLevel_RoundingRemainder_GoesToTheEarliestOrder_ByTimeBeforeSequence()
    {
        // Three 1 kWh asks at 20 share a 2 kWh bid: 0.666 kWh each after rounding to 1 Wh, and the remaining 2 Wh go one
        // each to the two earliest orders by time; c has the lowest sequence but the latest time.
        var t0 = Instant.FromUtc(2026, 6, 21, 8, 0);
        var book = new AuctionBook(
        [
            AuctionBooks.Order("c", OrderSide.Sell, 0, 0, t0 + Duration.FromMinutes(2), (20, 1)),
            AuctionBooks.Order("b", OrderSide.Sell, 0, 1, t0 + Duration.FromMinutes(1), (20, 1)),
            AuctionBooks.Order("a", OrderSide.Sell, 0, 2, t0, (20, 1)),
            AuctionBooks.Order("buyer", OrderSide.Buy, 0, 3, (40, 2)),
        ]);

        var r = new UniformPriceAuction().Clear(book);
        var sold = r.Trades.GroupBy(t => t.Seller.Value).ToDictionary(g => g.Key, g => g.Sum(t => t.QuantityKwh));

        Assert.Equal(0.667, sold["a"], 9);
        Assert.Equal(0.667, sold["b"], 9);
        Assert.Equal(0.666, sold["c"], 9);
        Assert.Equal(["a", "b", "c"], r.Trades.Select(t => t.Seller.Value));
        Assert.Equal(20.0, r.Slots[0].ClearingPriceEurPerMwh);
    }

    [Fact]
    public void Deterministic_SameBookSameResult()
    {
        var a = new UniformPriceAuction().Clear(Section1());
        var b = new UniformPriceAuction().Clear(Section1());
        Assert.Equal(a.Trades, b.Trades);
    }
}
