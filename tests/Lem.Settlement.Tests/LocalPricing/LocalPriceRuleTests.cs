using Lem.Scenarios;
using Lem.Settlement.LocalPricing;
using Lem.Testing;

namespace Lem.Settlement.Tests.LocalPricing;

/// <summary>The mid-market rate and the supply–demand-ratio price against hand values and their properties (docs/settlement.md#local-price-rules).</summary>
public sealed class LocalPriceRuleTests
{
    private const double Retail = 300;
    private const double FeedIn = 80;

    [Theory]
    [InlineData(0.0, 300.0)]                 // p_f·p_r / p_f = p_r
    [InlineData(0.5, 24000.0 / 190.0)]       // 80·300 / (220·0.5 + 80)
    [InlineData(1.0, 80.0)]                  // 80·300 / 300
    [InlineData(2.0, 80.0)]                  // surplus: feed-in
    public void SdrSellPrice_MatchesLiuFormulaByHand(double sdr, double expected) =>
        Assert.Equal(expected, SupplyDemandRatio.SellPrice(sdr, Retail, FeedIn), 9);

    [Theory]
    [InlineData(0.0, 10.0, 300.0, 300.0)]                                     // no supply: retail
    [InlineData(5.0, 10.0, (0.5 * 24000.0 / 190.0) + (0.5 * 300.0), 24000.0 / 190.0)] // SDR 0.5: buy = SDR·p_s + (1 − SDR)·p_r
    [InlineData(10.0, 10.0, 80.0, 80.0)]
    [InlineData(20.0, 10.0, 80.0, 80.0)]                                      // SDR 2
    [InlineData(3.0, 0.0, 80.0, 80.0)]                                        // no demand
    public void Sdr_BuyAndSell_ByHand(double supply, double demand, double buy, double sell)
    {
        var p = new SupplyDemandRatio().Prices(supply, demand, Retail, FeedIn);
        Assert.Equal(buy, p.BuyEurPerMwh, 9);
        Assert.Equal(sell, p.SellEurPerMwh, 9);
    }

    [Theory]
    [InlineData(5.0, 10.0, 245.0, 190.0)]  // deficit: sellers at (300 + 80)/2, buyers (190·5 + 300·5)/10
    [InlineData(10.0, 5.0, 190.0, 135.0)]  // surplus: buyers at 190, sellers (190·5 + 80·5)/10
    [InlineData(4.0, 4.0, 190.0, 190.0)]
    [InlineData(0.0, 4.0, 300.0, 190.0)]   // no supply: buyers pay retail
    [InlineData(4.0, 0.0, 190.0, 80.0)]    // no demand: sellers get feed-in
    public void Mmr_BuyAndSell_ByHand(double supply, double demand, double buy, double sell)
    {
        var p = new MidMarketRate().Prices(supply, demand, Retail, FeedIn);
        Assert.Equal(buy, p.BuyEurPerMwh, 9);
        Assert.Equal(sell, p.SellEurPerMwh, 9);
    }

    [Fact]
    public void SdrSellPrice_IsWithinTariffsAndDecreasingInTheRatio()
    {
        var previous = double.PositiveInfinity;
        for (var k = 0; k <= 300; k++)
        {
            var sdr = k / 100.0;
            var price = SupplyDemandRatio.SellPrice(sdr, Retail, FeedIn);
            Assert.InRange(price, FeedIn, Retail);
            Assert.True(price <= previous, $"SDR {sdr}: {price} > {previous}");
            Assert.True(k > 100 || price < previous || k == 0, $"SDR {sdr}: not strictly decreasing below 1");
            previous = price;
        }
    }

    [Fact]
    public void BothRules_PricesWithinTariffs_BuyAtLeastSell_AndBudgetBalancedAgainstTheSupplier()
    {
        var random = new Random(15);
        foreach (var rule in LocalPriceRules.Names.Select(n => LocalPriceRules.Find(n)!))
        {
            for (var i = 0; i < 2000; i++)
            {
                var supply = i % 7 == 0 ? 0 : random.NextDouble() * 50;
                var demand = i % 11 == 0 ? 0 : random.NextDouble() * 50;
                var feedIn = random.NextDouble() * 100;
                var retail = feedIn + (random.NextDouble() * 300);
                var p = rule.Prices(supply, demand, retail, feedIn);
                Assert.InRange(p.BuyEurPerMwh, feedIn - 1e-9, retail + 1e-9);
                Assert.InRange(p.SellEurPerMwh, feedIn - 1e-9, retail + 1e-9);
                Assert.True(p.BuyEurPerMwh >= p.SellEurPerMwh - 1e-9, $"{rule.Name}: buy {p.BuyEurPerMwh} < sell {p.SellEurPerMwh}");

                // Buyers pay exactly what sellers receive plus the deficit at retail minus the surplus at feed-in.
                var paid = (demand * p.BuyEurPerMwh) - (supply * p.SellEurPerMwh);
                var outside = (retail * Math.Max(0, demand - supply)) - (feedIn * Math.Max(0, supply - demand));
                Assert.Equal(outside, paid, 6);
            }
        }
    }

    [Fact]
    public void MmrBuyPrice_FallsAsSupplyRises()
    {
        var rule = new MidMarketRate();
        var previous = double.PositiveInfinity;
        for (var supply = 0.0; supply <= 20; supply += 0.5)
        {
            var buy = rule.Prices(supply, 10, Retail, FeedIn).BuyEurPerMwh;
            Assert.True(buy <= previous + 1e-12);
            previous = buy;
        }
    }

    [Fact]
    public void Prices_RejectFeedInAboveRetail() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new MidMarketRate().Prices(1, 1, 80, 300));

    [Fact]
    public void Registry_KnowsBothRulesByName()
    {
        Assert.Equal(["mmr", "sdr"], LocalPriceRules.Names);
        Assert.IsType<MidMarketRate>(LocalPriceRules.Find("mmr"));
        Assert.IsType<SupplyDemandRatio>(LocalPriceRules.Find("sdr"));
        Assert.Null(LocalPriceRules.Find("midpoint"));
    }

    [Fact]
    public void Bounds_TakeTheSettlementChargesOutOfTheAllInRetailTariff()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("lem-bounds-").FullName, "scenario.json");
        File.WriteAllText(path, TenHouseholdScenario.Json());
        var load = ScenarioReader.Load(path);
        Assert.True(load.IsValid, string.Join("; ", load.Errors));
        var s = load.Scenario!;

        var bounds = LocalRepricing.Bounds(s, s.Settlement);

        // 0.32 / 1.19 − grid − levies 0.063 − fee 0.004 EUR/kWh; grid 0.081, 0.112 in the 17:00–21:00 peak.
        Assert.Equal(1000 * ((0.32 / 1.19) - 0.081 - 0.063 - 0.004), bounds[12].RetailEurPerMwh, 6);
        Assert.Equal(1000 * ((0.32 / 1.19) - 0.112 - 0.063 - 0.004), bounds[18].RetailEurPerMwh, 6);
        Assert.Equal(1000 * (0.08 + 0.004), bounds[3].FeedInEurPerMwh, 6);
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
    }
}
