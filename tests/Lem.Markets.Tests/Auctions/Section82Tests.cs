using Lem.Markets.Auctions;
using Lem.Testing;

namespace Lem.Markets.Tests.Auctions;

/// <summary>docs/mechanisms/auctions.md#worked-example, the classic books (a) and (b): k-double auction and McAfee's trade reduction on units.</summary>
public sealed class Section82Tests
{
    private static readonly double[] BidsA = [10, 9, 7, 5, 3];
    private static readonly double[] AsksA = [2, 4, 6, 8, 11];
    private static readonly double[] BidsB = [10, 9, 7, 2];
    private static readonly double[] AsksB = [2, 4, 6.9, 20];

    [Fact]
    public void ExampleA_KDoubleAuction_K3_Interval6To7_Price6Point5()
    {
        var r = new UniformPriceAuction().Clear(AuctionBooks.Units(BidsA, AsksA));
        var s = Assert.Single(r.Slots);

        Assert.Equal(3.0, s.EfficientVolumeKwh);
        Assert.Equal(6.0, s.PriceLowEurPerMwh);
        Assert.Equal(7.0, s.PriceHighEurPerMwh);
        Approx.Equal(6.5, s.ClearingPriceEurPerMwh!.Value, 1e-12, what: "k-DA(1/2) price");
        Assert.Equal(s.ClearingPriceEurPerMwh, s.SellerPriceEurPerMwh);
        Assert.Equal(0m, r.SurplusEur);

        // Highest bids with lowest asks: (10, 2), (9, 4), (7, 6).
        Assert.Equal([("b1", "s1"), ("b2", "s2"), ("b3", "s3")], s.Trades.Select(t => (t.Buyer.Value, t.Seller.Value)));
        Assert.All(s.Trades, t => Assert.Equal(1.0, t.QuantityKwh));
        Assert.All(s.Trades, t => Assert.Equal(6.5, t.BuyerPriceEurPerMwh));

        // (10 − 2) + (9 − 4) + (7 − 6) = 14 EUR/MWh over 1 kWh each.
        Assert.Equal(0.014m, r.WelfareEur);
    }

    [Theory]
    [InlineData(0.0, 6.0)]
    [InlineData(0.25, 6.25)]
    [InlineData(1.0, 7.0)]
    public void ExampleA_KDoubleAuction_PriceMovesWithK(double k, double expected)
    {
        var r = new UniformPriceAuction { K = k }.Clear(AuctionBooks.Units(BidsA, AsksA));
        Approx.Equal(expected, r.Slots[0].ClearingPriceEurPerMwh!.Value, 1e-12, what: $"k = {k}");
        Assert.Contains(r.Rules, rule => rule.Contains($"k = {k.ToString(System.Globalization.CultureInfo.InvariantCulture)}", StringComparison.Ordinal));
    }

    [Fact]
    public void ExampleA_MarginalOrderRule_PriceIsLowerEnd()
    {
        var r = new UniformPriceAuction { PriceRule = UniformPriceRule.MarginalOrder }.Clear(AuctionBooks.Units(BidsA, AsksA));
        Assert.Equal(6.0, r.Slots[0].ClearingPriceEurPerMwh);
        Assert.Contains(r.Rules, rule => rule.Contains("marginal order", StringComparison.Ordinal));
    }

    [Fact]
    public void ExampleA_McAfee_P0Is6Point5_AllThreeTradeAtP0()
    {
        var r = new McAfeeAuction().Clear(AuctionBooks.Units(BidsA, AsksA));
        var s = Assert.Single(r.Slots);

        Assert.Equal(3.0, s.EfficientVolumeKwh);
        Assert.Equal(6.0, s.PriceLowEurPerMwh);
        Assert.Equal(7.0, s.PriceHighEurPerMwh);
        Assert.Equal(3, s.Trades.Count);
        Assert.All(s.Trades, t =>
        {
            Assert.Equal(6.5, t.BuyerPriceEurPerMwh);
            Assert.Equal(6.5, t.SellerPriceEurPerMwh);
        });
        Assert.Equal(6.5, s.ClearingPriceEurPerMwh);
        Assert.Equal(0m, s.SurplusEur);
        Assert.Contains(s.Notes, n => n.Contains("p0 = (5 + 8) / 2 = 6.5", StringComparison.Ordinal));
    }

    [Fact]
    public void ExampleB_KDoubleAuction_Interval6Point9To7_Price6Point95()
    {
        var r = new UniformPriceAuction().Clear(AuctionBooks.Units(BidsB, AsksB));
        var s = r.Slots[0];

        Assert.Equal(3.0, s.EfficientVolumeKwh);
        Assert.Equal(6.9, s.PriceLowEurPerMwh);
        Assert.Equal(7.0, s.PriceHighEurPerMwh);
        Approx.Equal(6.95, s.ClearingPriceEurPerMwh!.Value, 1e-12, what: "k-DA(1/2) price");
        Assert.Equal(3, s.Trades.Count);
    }

    [Fact]
    public void ExampleB_McAfee_TradeReduction_TwoTrades_Buyers7_Sellers6Point9_Surplus0Point2()
    {
        // Units of 1 MWh, so that the surplus (K − 1)(b_(K) − s_(K)) = 2 × 0.1 EUR/MWh × 1 MWh = 0.2 EUR.
        var r = new McAfeeAuction { LotKwh = 1000 }.Clear(AuctionBooks.Units(BidsB, AsksB, unitKwh: 1000));
        var s = r.Slots[0];

        Assert.Equal(3000.0, s.EfficientVolumeKwh);
        Assert.Equal(2000.0, s.TradedVolumeKwh);
        Assert.Equal([("b1", "s1"), ("b2", "s2")], s.Trades.Select(t => (t.Buyer.Value, t.Seller.Value)));
        Assert.All(s.Trades, t =>
        {
            Assert.Equal(1000.0, t.QuantityKwh);
            Assert.Equal(7.0, t.BuyerPriceEurPerMwh);
            Assert.Equal(6.9, t.SellerPriceEurPerMwh);
        });
        Assert.Equal(7.0, s.ClearingPriceEurPerMwh);
        Assert.Equal(6.9, s.SellerPriceEurPerMwh);
        Assert.Equal(0.2m, s.SurplusEur);
        Assert.Equal(0.2m, r.SurplusEur);

        // Welfare of the two trades: (10 − 2) + (9 − 4) = 13 EUR/MWh × 1 MWh.
        Assert.Equal(13m, r.WelfareEur);
        Assert.Contains(s.Notes, n => n.Contains("p0 = (2 + 20) / 2 = 11 outside", StringComparison.Ordinal));
    }

    [Fact]
    public void ExampleA_PayAsBid_SameVolume_BuyersPayBids_SellersGetAsks_SpreadToOperator()
    {
        var r = new PayAsBidAuction().Clear(AuctionBooks.Units(BidsA, AsksA, unitKwh: 1000));
        var s = r.Slots[0];

        Assert.Null(s.ClearingPriceEurPerMwh);
        Assert.Equal(3000.0, s.TradedVolumeKwh);
        Assert.Equal([(10.0, 2.0), (9.0, 4.0), (7.0, 6.0)], s.Trades.Select(t => (t.BuyerPriceEurPerMwh, t.SellerPriceEurPerMwh)));
        Assert.Equal(14m, r.SurplusEur);
        Assert.Equal(14m, r.WelfareEur);
    }

    [Fact]
    public void McAfee_MultiUnitOrders_AreSplitIntoUnits()
    {
        // Example (a) with the units gathered into multi-unit orders: one buyer 10/9/7/5/3, one seller 2/4/6/8/11.
        var book = new AuctionBook(
        [
            AuctionBooks.Order("buyer", Domain.Orders.OrderSide.Buy, 0, 0, (10, 1), (9, 1), (7, 1), (5, 1), (3, 1)),
            AuctionBooks.Order("seller", Domain.Orders.OrderSide.Sell, 0, 1, (2, 1), (4, 1), (6, 1), (8, 1), (11, 1)),
        ]);
        var r = new McAfeeAuction().Clear(book);
        Assert.Equal(3.0, r.TradedVolumeKwh);
        Assert.All(r.Trades, t => Assert.Equal(6.5, t.BuyerPriceEurPerMwh));

        // A 3 kWh bid at 7 against asks of 1 kWh at 2, 4, 6, 8: K = 3, p0 = (dummy floor −500 + s_(4) = 8) / 2 = −246 is outside
        // [6, 7]: 2 units trade, the buyer pays 7, sellers receive 6.
        var reduced = new McAfeeAuction().Clear(new AuctionBook(
        [
            AuctionBooks.Order("buyer", Domain.Orders.OrderSide.Buy, 0, 0, (7, 3)),
            AuctionBooks.Order("seller", Domain.Orders.OrderSide.Sell, 0, 1, (2, 1), (4, 1), (6, 1), (8, 1)),
        ]));
        Assert.Equal(2.0, reduced.TradedVolumeKwh);
        Assert.All(reduced.Trades, t => Assert.Equal((7.0, 6.0), (t.BuyerPriceEurPerMwh, t.SellerPriceEurPerMwh)));
        Assert.Equal(0.002m, reduced.SurplusEur);
    }

    [Fact]
    public void NoCrossing_NoTrade_NullPrice()
    {
        foreach (ICallAuction auction in new ICallAuction[] { new UniformPriceAuction(), new PayAsBidAuction(), new McAfeeAuction() })
        {
            var r = auction.Clear(AuctionBooks.Units([5], [8]));
            Assert.Null(r.Slots[0].ClearingPriceEurPerMwh);
            Assert.Empty(r.Trades);
            Assert.Equal(0m, r.WelfareEur);
        }
    }
}
