using Lem.Domain.Assets;
using Lem.Domain.Participants;
using Lem.Domain.Series;
using Lem.Domain.Units;
using Lem.Grid.Formulations;
using Lem.Markets.Pool;
using Lem.Pipeline;
using Lem.Testing;
using Lem.Markets.Assets;

namespace Lem.Markets.Tests;

/// <summary>Slots without storage, EVs or flexible loads are priced by the merit order with the assets as steps.</summary>
public sealed class PoolDecoupledSlotTests
{
    [Fact]
    public void Clear_ScarceSlotPricedAtVoll_SurplusSlotAtExportPrice()
    {
        // Slot 0: PV 5 kW + import limited to 3 kW serve 2 kW inflexible and 6 of 8 kW curtailable demand: the shed load sets 300.
        // Slot 1: PV 12 kW serves all 10 kW and exports 2 kW: the export price 40 is marginal.
        var pv = new RenewableGenerator(new AssetId("pv"), null, RenewableKind.Pv, Power.FromKw(15), new SlotSeries([5, 12]), Price.FromEurPerMwh(10));
        var heater = new CurtailableLoad(new AssetId("heater"), null, new SlotSeries([8, 8]), Price.FromEurPerMwh(300));
        var scenario = TestScenarios.Scenario(
            "decoupled",
            TestScenarios.Hourly(2),
            TestScenarios.Market([100, 100], [40, 40], importLimitKw: 3),
            TestScenarios.Participant("farm", ParticipantRole.Prosumer, [pv, heater, TestScenarios.Load("base", 2, 2)]));

        var r = PoolClearing.Clear(scenario, new CopperPlateFormulation());

        PoolChecks.All(scenario, r);
        Assert.Empty(r.Warnings); // the merit order agrees with the LP
        Assert.All(r.Slots, s => Assert.Equal(PriceSource.TieRule, s.PriceSource));
        Approx.Equal(300, r.Slots[0].PricesEurPerMwh[0], 1e-9);
        Approx.Equal(40, r.Slots[1].PricesEurPerMwh[0], 1e-9);

        var load = r.Assets.OfType<LoadDispatch>().Single(a => a.Asset.Value == "heater");
        Approx.Equal(2, load.ShedKw[0], 1e-9);
        Approx.Equal(0, load.ShedKw[1], 1e-9);
        Approx.Equal(3, r.Slots[0].ImportMwh * 1000, 1e-9);
        Approx.Equal(2, r.Slots[1].ExportMwh * 1000, 1e-9);

        // Welfare: −(3 kWh × 100 + 2 kWh shed × 300) EUR/MWh in slot 0; +2 kWh × 40 in slot 1.
        Approx.Equal(-0.9, (double)r.Slots[0].WelfareEur, 1e-9);
        Approx.Equal(0.08, (double)r.Slots[1].WelfareEur, 1e-9);

        // The farm's net position: −3 kW in slot 0 (the import), +2 kW in slot 1 (the export).
        var farm = Assert.Single(r.Participants);
        Approx.Equal(-3, farm.NetInjectionKw[0], 1e-9);
        Approx.Equal(2, farm.NetInjectionKw[1], 1e-9);
    }

    [Fact]
    public void Clear_NegativeSurplusPrice_CurtailsPvWithItsCurtailmentCost()
    {
        // Export pays −50 EUR/MWh: producing costs more than curtailing at 10 EUR/MWh, so PV covers only the load and
        // the price is −10 (the PV is the marginal offer at −curtailment cost).
        var pv = new RenewableGenerator(new AssetId("pv"), null, RenewableKind.Pv, Power.FromKw(15), new SlotSeries([12]), Price.FromEurPerMwh(10));
        var scenario = TestScenarios.Scenario(
            "curtail",
            TestScenarios.Hourly(1),
            TestScenarios.Market([20], [-50]),
            TestScenarios.Participant("farm", ParticipantRole.Prosumer, [pv, TestScenarios.Load("base", 2)]));

        var r = PoolClearing.Clear(scenario, new CopperPlateFormulation());

        PoolChecks.All(scenario, r);
        var d = r.Assets.OfType<RenewableDispatch>().Single();
        Approx.Equal(2, d.OutputKw[0], 1e-9);
        Approx.Equal(10, d.CurtailedKw[0], 1e-9);
        Approx.Equal(-10, r.Slots[0].PricesEurPerMwh[0], 1e-9);
        Approx.Equal(-0.1, (double)r.WelfareEur, 1e-9); // 10 kWh curtailed at 10 EUR/MWh
    }
}
