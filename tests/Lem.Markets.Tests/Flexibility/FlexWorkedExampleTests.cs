using Lem.Markets.Flexibility.Clearing;
using Lem.Markets.Flexibility.Pricing;

namespace Lem.Markets.Tests.Flexibility;

/// <summary>The worked examples A (congestion) and B (voltage, reactive flexibility) of docs/mechanisms/flexibility.md, computed by hand there.</summary>
public sealed class FlexWorkedExampleTests
{
    private static double Kw(FlexClearingResult r, string offer) => r.Orders.Where(o => o.Offer.Id == offer).Sum(o => o.PowerKw);

    private static double Price(FlexClearingResult r, string bus) => r.Prices.Single(p => p.Bus.Value == bus).ActiveEurPerMwh;

    [Fact]
    public void ExampleA_PayAsBid_SelectsA15B5C10E10_NotTheUpstreamG_AndCosts185()
    {
        var (grid, market) = FlexFeeders.ExampleA();

        var r = FlexClearing.Clear(market, grid);

        Assert.Equal(FlexClearingStatus.Cleared, r.Status);
        Assert.Equal("lindistflow", r.SensitivityModel);
        Assert.Equal(15, Kw(r, "A"), 6);
        Assert.Equal(5, Kw(r, "B"), 6);
        Assert.Equal(10, Kw(r, "C"), 6);
        Assert.Equal(10, Kw(r, "E"), 6);
        Assert.Equal(0, Kw(r, "G"), 6);
        Assert.DoesNotContain(r.Orders, o => o.Offer.Id == "G");
        Assert.Equal(1.85m, Math.Round(r.CostEur, 6));
        Assert.Equal(1, r.Rounds);
    }

    [Fact]
    public void ExampleA_FlexibilityPrices_Are0At0_40At1_80At2_FromDualsOf40OnEachLine()
    {
        var (grid, market) = FlexFeeders.ExampleA();

        var r = FlexClearing.Clear(market, grid);

        Assert.Equal(0, Price(r, "0"), 6);
        Assert.Equal(40, Price(r, "1"), 6);
        Assert.Equal(80, Price(r, "2"), 6);
        Assert.Equal(2, r.BindingLimits.Count);
        Assert.All(r.BindingLimits, d => Assert.Equal(40, d.Dual, 6));
        Assert.Equal(["L0-1", "L1-2"], r.BindingLimits.Select(d => d.Element).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ExampleA_AtLocationalUniformPrices_TheDsoPays240()
    {
        var (grid, market) = FlexFeeders.ExampleA();

        var r = FlexClearing.Clear(market, grid, new FlexClearingOptions { Pricing = FlexPricingRules.ByName("uniform") });

        Assert.Equal(2.40m, Math.Round(r.CostEur, 6));
        Assert.Equal(80, r.Orders.Single(o => o.Offer.Id == "A").PriceEurPerMwh, 6);
        Assert.Equal(40, r.Orders.Single(o => o.Offer.Id == "E").PriceEurPerMwh, 6);
    }

    [Fact]
    public void ExampleA_AcCheck_ShowsBothOverloadsBefore_AndNoneAfter()
    {
        var (grid, market) = FlexFeeders.ExampleA();

        var r = FlexClearing.Clear(market, grid);

        var before = r.ViolationsBefore.ToList();
        Assert.Equal(["L0-1", "L1-2"], before.Select(v => v.Element).Order(StringComparer.Ordinal));
        Assert.Equal(160.0 / 120 * 100, before.Single(v => v.Element == "L0-1").Value, 2);
        Assert.Equal(125, before.Single(v => v.Element == "L1-2").Value, 2);
        Assert.Empty(r.ViolationsAfter);
        Assert.Equal(100, r.After[0].LoadingPercent[0], 2);
    }

    [Fact]
    public void ExampleB_LinDistFlow_Selects40Kvar_20KwBattery_775KwCurtailment_For1185PerHour()
    {
        var (grid, market) = FlexFeeders.ExampleB();

        var r = FlexClearing.Clear(market, grid);

        Assert.Equal(FlexClearingStatus.Cleared, r.Status);
        Assert.Equal(40, r.Orders.Single(o => o.Offer.Id == "inverter").ReactiveKvar, 6);
        Assert.Equal(20, Kw(r, "battery"), 6);
        Assert.Equal(7.75, Kw(r, "curtail"), 6);
        Assert.Equal(1.185m, Math.Round(r.CostEur, 6));
        var dual = Assert.Single(r.BindingLimits);
        Assert.Equal("voltage", dual.Kind);
        Assert.Equal("2", dual.Element);
        Assert.Equal(30, dual.Dual, 6);
    }

    [Fact]
    public void ExampleB_AcVoltages_AreBase10365And10781_After10152And10463_NoViolationLeft()
    {
        var (grid, market) = FlexFeeders.ExampleB();

        var r = FlexClearing.Clear(market, grid);

        Assert.Equal(1.0365, r.Before[0].VoltagesPu[1], 4);
        Assert.Equal(1.0781, r.Before[0].VoltagesPu[2], 4);
        Assert.Equal(1.0152, r.After[0].VoltagesPu[1], 4);
        Assert.Equal(1.0463, r.After[0].VoltagesPu[2], 4);
        Assert.Equal("overvoltage", Assert.Single(r.ViolationsBefore).Kind);
        Assert.Empty(r.ViolationsAfter);
        Assert.Equal(1, r.Rounds);
    }
}
