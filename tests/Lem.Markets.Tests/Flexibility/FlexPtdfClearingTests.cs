using Lem.Grid.Indexing;
using Lem.Grid.Network;
using Lem.Markets.Flexibility.Clearing;
using Lem.Markets.Flexibility.Domain;
using Lem.Markets.Flexibility.Sensitivities;

namespace Lem.Markets.Tests.Flexibility;

/// <summary>
/// The PTDF/DC path (docs/mechanisms/flexibility.md#sensitivities) on a meshed triangle 0–1–2, bus 0 the slack, three
/// lines of equal reactance. By hand: 1 p.u. injected at bus 1 and absorbed at 0 splits 2/3 on the direct line 1–0 and
/// 1/3 on the detour 1–2–0, so PTDF(0→1, bus 1) = −2/3, PTDF(1→2, bus 1) = +1/3, PTDF(0→2, bus 1) = −1/3; bus 2 by
/// symmetry −1/3, −1/3, −2/3.
/// </summary>
public sealed class FlexPtdfClearingTests
{
    private static GridNetwork Triangle(double rating01Mva)
    {
        var buses = Enumerable.Range(0, 3).Select(i => new Bus
        {
            Id = new BusId(i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            NominalKv = 0.4,
            Type = i == 0 ? BusType.Slack : BusType.Pq,
            VmMinPu = 0.9,
            VmMaxPu = 1.1,
        }).ToList();
        Line L(string id, int from, int to, double rating) => new() { Id = id, FromBus = buses[from].Id, ToBus = buses[to].Id, RPu = 1e-6, XPu = 1e-4, RatingMva = rating };
        return new GridNetwork
        {
            Name = "triangle",
            BaseMva = 1,
            Buses = buses,
            Lines = [L("L01", 0, 1, rating01Mva), L("L12", 1, 2, 0.1), L("L02", 0, 2, 0.1)],
            ExternalGrids = [new ExternalGrid { Id = "grid", Bus = buses[0].Id }],
        };
    }

    [Fact]
    public void Ptdf_OfTheTriangle_IsTheHandComputedSplit()
    {
        var index = NetworkIndex.Build(Triangle(0.05));
        var lin = new PtdfSensitivityModel().Prepare(index);
        int Branch(string id) => index.BranchIds.IndexOf(id);

        var at1 = lin.Of(index.IndexOf(new BusId("1")), reactive: false).BranchP;
        var at2 = lin.Of(index.IndexOf(new BusId("2")), reactive: false).BranchP;

        Assert.Equal(-2.0 / 3, at1[Branch("L01")], 9);
        Assert.Equal(1.0 / 3, at1[Branch("L12")], 9);
        Assert.Equal(-1.0 / 3, at1[Branch("L02")], 9);
        Assert.Equal(-1.0 / 3, at2[Branch("L01")], 9);
        Assert.Equal(-1.0 / 3, at2[Branch("L12")], 9);
        Assert.Equal(-2.0 / 3, at2[Branch("L02")], 9);
        Assert.False(lin.HasVoltages);
    }

    [Fact]
    public void Congestion_OnTheMeshedGrid_BuysTheCheaperReliefPerKwOfFlow()
    {
        // A 90 kW load at bus 1 puts 60 kW on line 0–1 (rated 50 kW). Relieving 10 kW of flow takes 15 kW up at bus 1
        // (2/3 per kW, 60 EUR/MWh: 0.90 EUR) or 30 kW up at bus 2 (1/3 per kW, 20 EUR/MWh: 0.60 EUR): bus 2 is bought.
        // The line's dual is 20 / (1/3) = 60 EUR/MWh; prices: bus 1 = 60·2/3 = 40, bus 2 = 60·1/3 = 20, bus 0 = 0.
        var market = new FlexMarket
        {
            SlotCount = 1,
            SlotHours = 1,
            Prognoses = [FlexFeeders.Prognosis(1, -90)],
            Offers = [FlexFeeders.Offer("near", 1, FlexDirection.Up, 40, 60), FlexFeeders.Offer("far", 2, FlexDirection.Up, 40, 20)],
        };

        var r = FlexClearing.Clear(market, Triangle(0.05), new FlexClearingOptions { SensitivityModel = "dc" });

        Assert.Equal("dc", r.SensitivityModel);
        Assert.Equal(FlexClearingStatus.Cleared, r.Status);
        var order = Assert.Single(r.Orders);
        Assert.Equal("far", order.Offer.Id);
        Assert.Equal(30, order.PowerKw, 2);
        Assert.Equal(0.6m, Math.Round(r.CostEur, 3));
        Assert.Equal(60, Assert.Single(r.BindingLimits).Dual, 1);
        Assert.Equal(40, r.Prices.Single(p => p.Bus.Value == "1").ActiveEurPerMwh, 1);
        Assert.Equal(20, r.Prices.Single(p => p.Bus.Value == "2").ActiveEurPerMwh, 1);
        Assert.Equal(0, r.Prices.Single(p => p.Bus.Value == "0").ActiveEurPerMwh, 6);
        Assert.Contains(r.ViolationsBefore, v => v.Element == "L01");
        Assert.Empty(r.ViolationsAfter);
    }
}
