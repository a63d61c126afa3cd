using Lem.Domain.Orders;
using Lem.Grid.Formulations;
using Lem.Markets.Clearing;
using Lem.Markets.Pool;
using Lem.Testing;

namespace Lem.Markets.Tests;

/// <summary>The three-period example of docs/mechanisms/pool.md#worked-example-three-periods-on-the-copper-plate cleared as a scenario on the copper plate.</summary>
public sealed class PoolSection1Tests
{
    [Theory]
    [InlineData(PriceRule.Midpoint, new[] { 25.0, 30.0, 20.0 })]
    [InlineData(PriceRule.MarginalOrder, new[] { 20.0, 30.0, 20.0 })]
    public void Clear_Section1_PricesFollowTheRule(PriceRule rule, double[] expected)
    {
        var r = PoolClearing.Clear(TestScenarios.Section1(), new CopperPlateFormulation(), new PoolOptions { Clearing = new ClearingOptions { PriceRule = rule } });

        Assert.Equal(PoolStatus.Optimal, r.Status);
        Assert.Equal(rule, r.PriceRule);
        Assert.Equal(VolumeRule.ProRata, r.VolumeRule);
        Assert.Equal("copperplate", r.FormulationName);
        Assert.Equal([CopperPlateFormulation.VirtualBusId], r.BusIds);
        for (var t = 0; t < 3; t++)
        {
            Assert.Equal(PriceSource.TieRule, r.Slots[t].PriceSource);
            Approx.Equal(expected[t], r.Slots[t].PricesEurPerMwh.Single(), 1e-9, what: $"price in period {t + 1}");
        }

        Assert.Equal(20.0, r.Slots[0].PriceLowEurPerMwh);
        Assert.Equal(30.0, r.Slots[0].PriceHighEurPerMwh);
    }

    [Fact]
    public void Clear_Section1_WelfarePerPeriod()
    {
        var r = PoolClearing.Clear(TestScenarios.Section1(), new CopperPlateFormulation());

        Assert.Equal(2700m, r.Slots[0].WelfareEur);
        Assert.Equal(2700m, r.Slots[1].WelfareEur);
        Assert.Equal(3100m, r.Slots[2].WelfareEur);
        Assert.Equal(8500m, r.WelfareEur);
        Assert.Equal(0.0, r.ImportMwh);
        Assert.Equal(0.0, r.ExportMwh);
    }

    [Fact]
    public void Clear_Section1_AcceptedVolumes()
    {
        var r = PoolClearing.Clear(TestScenarios.Section1(), new CopperPlateFormulation());
        var orders = r.Orders.ToDictionary(o => o.Order.Value);

        Assert.Equal([50_000.0, 50_000.0, 0.0], Rounded(orders["a-1"].AcceptedKwh));
        Assert.Equal([60_000.0, 40_000.0, 0.0], Rounded(orders["d-1"].AcceptedKwh));
        Assert.Equal([60_000.0, 40_000.0], Rounded(orders["d-2"].AcceptedKwh));

        // Period 3: 50 MWh at 10, then the 80 MWh at the tied price 20 split 40/40 between the two sellers.
        Assert.Equal([50_000.0, 40_000.0], Rounded(orders["a-3"].AcceptedKwh));
        Assert.Equal([40_000.0], Rounded(orders["b-3"].AcceptedKwh));
        Assert.Equal(OrderSide.Sell, orders["b-3"].Side);

        // Net positions: sellers inject, the buyer withdraws (kW over one-hour slots).
        var net = r.Participants.ToDictionary(p => p.Participant.Value);
        Assert.Equal([100_000.0, 100_000.0, 90_000.0], Rounded(net["seller-a"].NetInjectionKw));
        Assert.Equal([0.0, 0.0, 40_000.0], Rounded(net["seller-b"].NetInjectionKw));
        Assert.Equal([-100_000.0, -100_000.0, -130_000.0], Rounded(net["buyer"].NetInjectionKw));
    }

    [Fact]
    public void Clear_Section1_SolverVertexKeepsTotalsAndPrices()
    {
        var r = PoolClearing.Clear(TestScenarios.Section1(), new CopperPlateFormulation(), new PoolOptions { VolumeRule = VolumeRule.SolverVertex });

        Assert.Equal(VolumeRule.SolverVertex, r.VolumeRule);
        var orders = r.Orders.ToDictionary(o => o.Order.Value);
        Approx.Equal(80_000, orders["a-3"].AcceptedKwh[1] + orders["b-3"].AcceptedKwh[0], 1e-3);
        Approx.Equal(25, r.Slots[0].PricesEurPerMwh[0], 1e-9);
        Approx.Equal(20, r.Slots[2].PricesEurPerMwh[0], 1e-9);
        Approx.Equal(8500, (double)r.WelfareEur, 1e-6);
    }

    private static double[] Rounded(IReadOnlyList<double> values) => [.. values.Select(v => Math.Round(v, 6))];
}
