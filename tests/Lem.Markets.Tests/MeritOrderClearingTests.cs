using Lem.Markets.Pool;
using Lem.Testing;

namespace Lem.Markets.Tests;

public sealed class MeritOrderClearingTests
{
    private static readonly MeritOrderStep[] Offers = [new(10, 50), new(20, 50), new(35, 50)];

    [Theory]
    [InlineData(PriceRule.Midpoint, 25.0)]
    [InlineData(PriceRule.MarginalOrder, 20.0)]
    public void ClearSlot_Section1Period1_PriceIndeterminate_RuleChoosesInInterval(PriceRule rule, double expected)
    {
        var r = MeritOrderClearing.ClearSlot(Offers, [new(50, 60), new(30, 40), new(15, 30)], rule);

        Approx.Equal(100, r.VolumeMwh);
        Assert.Equal([50.0, 50.0, 0.0], r.AcceptedOffersMwh);
        Assert.Equal([60.0, 40.0, 0.0], r.AcceptedBidsMwh);
        Assert.Equal(20.0, r.PriceLowEurPerMwh);
        Assert.Equal(30.0, r.PriceHighEurPerMwh);
        Assert.True(r.IsPriceIndeterminate);
        Assert.Equal(expected, r.PriceEurPerMwh);
        Assert.Equal(2700m, r.WelfareEur);
        Assert.Equal(rule, r.Rule);
    }

    [Theory]
    [InlineData(PriceRule.Midpoint)]
    [InlineData(PriceRule.MarginalOrder)]
    public void ClearSlot_Section1Period2_PartialBidSetsUniquePrice(PriceRule rule)
    {
        var r = MeritOrderClearing.ClearSlot(Offers, [new(50, 60), new(30, 60)], rule);

        Assert.Equal([60.0, 40.0], r.AcceptedBidsMwh);
        Assert.Equal(30.0, r.PriceLowEurPerMwh);
        Assert.Equal(30.0, r.PriceHighEurPerMwh);
        Assert.False(r.IsPriceIndeterminate);
        Assert.Equal(30.0, r.PriceEurPerMwh);
        Assert.Equal(2700m, r.WelfareEur);
    }

    [Theory]
    [InlineData(PriceRule.Midpoint)]
    [InlineData(PriceRule.MarginalOrder)]
    public void ClearSlot_Section1Period3_TiedOffersSplitProRata(PriceRule rule)
    {
        var r = MeritOrderClearing.ClearSlot([new(10, 50), new(20, 50), new(20, 50)], [new(40, 130)], rule);

        Approx.Equal(130, r.VolumeMwh);
        Assert.Equal(50.0, r.AcceptedOffersMwh[0]);
        Approx.Equal(40, r.AcceptedOffersMwh[1], 1e-12);
        Approx.Equal(40, r.AcceptedOffersMwh[2], 1e-12);
        Assert.Equal(20.0, r.PriceEurPerMwh);
        Assert.Equal(3100m, r.WelfareEur);
    }

    [Fact]
    public void ClearSlot_TiedStepsOfDifferentSizes_SplitInProportionToQuantity()
    {
        // 60 MWh at the marginal price 20 among steps of 30 and 90 MWh: 15 and 45.
        var r = MeritOrderClearing.ClearSlot([new(20, 30), new(20, 90), new(10, 40)], [new(100, 100)]);

        Assert.Equal(40.0, r.AcceptedOffersMwh[2]);
        Approx.Equal(15, r.AcceptedOffersMwh[0], 1e-12);
        Approx.Equal(45, r.AcceptedOffersMwh[1], 1e-12);
        Assert.Equal(20.0, r.PriceEurPerMwh);
    }

    [Fact]
    public void ClearSlot_TiedBids_SplitProRataToo()
    {
        var r = MeritOrderClearing.ClearSlot([new(10, 30)], [new(40, 20), new(40, 40)]);

        Approx.Equal(10, r.AcceptedBidsMwh[0], 1e-12);
        Approx.Equal(20, r.AcceptedBidsMwh[1], 1e-12);
        Assert.Equal(40.0, r.PriceEurPerMwh);
    }

    [Fact]
    public void ClearSlot_EqualBidAndOfferPrices_TradeToMaximiseVolume()
    {
        var r = MeritOrderClearing.ClearSlot([new(30, 10)], [new(30, 10)]);

        Assert.Equal(10.0, r.VolumeMwh);
        Assert.Equal(30.0, r.PriceEurPerMwh);
        Assert.Equal(0m, r.WelfareEur);
    }

    [Fact]
    public void ClearSlot_NoCrossing_NoTradeAndPriceBetweenBestBidAndBestOffer()
    {
        var r = MeritOrderClearing.ClearSlot([new(40, 10), new(60, 10)], [new(30, 10), new(20, 5)]);

        Assert.Equal(0.0, r.VolumeMwh);
        Assert.Equal(30.0, r.PriceLowEurPerMwh);
        Assert.Equal(40.0, r.PriceHighEurPerMwh);
        Assert.Equal(35.0, r.PriceEurPerMwh);
        Assert.Equal(0m, r.WelfareEur);
    }

    [Fact]
    public void ClearSlot_OneSidedInterval_UsesTheFiniteEnd()
    {
        // Every offer is taken and the only bid is partially served: the bid sets the price, [100, 100].
        var scarce = MeritOrderClearing.ClearSlot([new(30, 10)], [new(100, 50)]);
        Assert.Equal(100.0, scarce.PriceEurPerMwh);

        var onlyOffers = MeritOrderClearing.ClearSlot([new(30, 10)], []);
        Assert.Equal(double.NegativeInfinity, onlyOffers.PriceLowEurPerMwh);
        Assert.Equal(30.0, onlyOffers.PriceHighEurPerMwh);
        Assert.Equal(30.0, onlyOffers.PriceEurPerMwh);

        var nothing = MeritOrderClearing.ClearSlot([], []);
        Assert.Null(nothing.PriceEurPerMwh);
    }

    [Fact]
    public void ClearSlot_MustServeBidAndUnlimitedImport_ImportIsMarginal()
    {
        // A fixed load of 5 MWh, local PV of 3 MWh at 0, an unlimited import at 90 and an unlimited export at 80.
        var r = MeritOrderClearing.ClearSlot(
            [new(0, 3), new(90, double.PositiveInfinity)],
            [new(double.PositiveInfinity, 5), new(80, double.PositiveInfinity)]);

        Assert.Equal(5.0, r.VolumeMwh);
        Assert.Equal([3.0, 2.0], r.AcceptedOffersMwh);
        Assert.Equal([5.0, 0.0], r.AcceptedBidsMwh);
        Assert.Equal(90.0, r.PriceEurPerMwh);
        Assert.Equal(-180m, r.WelfareEur); // the must-serve bid has no finite value; the import costs 2 × 90
    }

    [Fact]
    public void ClearSlot_UnlimitedImportAndExportAtOnePrice_DoNotTradeWithEachOther()
    {
        var r = MeritOrderClearing.ClearSlot([new(50, double.PositiveInfinity)], [new(50, double.PositiveInfinity), new(70, 4)]);

        Assert.Equal(4.0, r.VolumeMwh);
        Assert.Equal(50.0, r.PriceEurPerMwh);
    }

    [Fact]
    public void ClearSlot_BadSteps_Throw()
    {
        Assert.Throws<ArgumentException>(() => MeritOrderClearing.ClearSlot([new(double.NaN, 1)], []));
        Assert.Throws<ArgumentException>(() => MeritOrderClearing.ClearSlot([new(double.PositiveInfinity, 1)], []));
        Assert.Throws<ArgumentException>(() => MeritOrderClearing.ClearSlot([], [new(10, -1)]));
        Assert.Throws<ArgumentException>(() => MeritOrderClearing.ClearSlot([], [new(double.NegativeInfinity, 1)]));
    }

    [Fact]
    public void ClearSlot_LargeBook_MatchesBruteForceWelfare()
    {
        var rng = new Random(7);
        for (var round = 0; round < 50; round++)
        {
            var offers = Enumerable.Range(0, 40).Select(_ => new MeritOrderStep(rng.Next(0, 100), rng.Next(1, 20))).ToArray();
            var bids = Enumerable.Range(0, 40).Select(_ => new MeritOrderStep(rng.Next(0, 100), rng.Next(1, 20))).ToArray();
            var r = MeritOrderClearing.ClearSlot(offers, bids);

            // Balance, bounds, and prices consistent with every acceptance (the price lies in the interval).
            Approx.Equal(r.AcceptedOffersMwh.Sum(), r.AcceptedBidsMwh.Sum(), 1e-9);
            var p = r.PriceEurPerMwh!.Value;
            for (var i = 0; i < offers.Length; i++)
            {
                Assert.InRange(r.AcceptedOffersMwh[i], 0, offers[i].QuantityMwh);
                if (offers[i].PriceEurPerMwh < p)
                {
                    Assert.Equal(offers[i].QuantityMwh, r.AcceptedOffersMwh[i]);
                }
                else if (offers[i].PriceEurPerMwh > p)
                {
                    Assert.Equal(0.0, r.AcceptedOffersMwh[i]);
                }
            }

            for (var i = 0; i < bids.Length; i++)
            {
                if (bids[i].PriceEurPerMwh > p)
                {
                    Assert.Equal(bids[i].QuantityMwh, r.AcceptedBidsMwh[i]);
                }
                else if (bids[i].PriceEurPerMwh < p)
                {
                    Assert.Equal(0.0, r.AcceptedBidsMwh[i]);
                }
            }

            // Welfare against the unit-split brute force of docs/mechanisms/auctions.md#the-order-statistics-every-mechanism-uses: the K most valuable pairs.
            var units = (Offers: offers.SelectMany(o => Enumerable.Repeat(o.PriceEurPerMwh, (int)o.QuantityMwh)).Order().ToArray(),
                         Bids: bids.SelectMany(b => Enumerable.Repeat(b.PriceEurPerMwh, (int)b.QuantityMwh)).OrderDescending().ToArray());
            var best = 0.0;
            for (var k = 0; k < Math.Min(units.Offers.Length, units.Bids.Length) && units.Bids[k] >= units.Offers[k]; k++)
            {
                best += units.Bids[k] - units.Offers[k];
            }

            Approx.Equal(best, (double)r.WelfareEur, 1e-6);
        }
    }
}
