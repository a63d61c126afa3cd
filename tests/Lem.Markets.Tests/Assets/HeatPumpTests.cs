using Lem.Domain.Participants;
using Lem.Domain.Series;
using Lem.Domain.Units;
using Lem.Grid.Formulations;
using Lem.Markets.Assets;
using Lem.Markets.Clearing;
using Lem.Markets.Distributed;
using Lem.Markets.Pool;
using Lem.Pipeline;
using Lem.Testing;

namespace Lem.Markets.Tests.Assets;

/// <summary>The heat pump with a thermal store (docs/mechanisms/pool.md#heat-pumps) in the pool and the distributed engines.</summary>
public sealed class HeatPumpTests
{
    [Fact]
    public void Pool_TwoSlotsWithLosses_HeatsTheCheapSlotAtFullPowerAndTopsUpTheDearOne()
    {
        // Hand calculation: COP 3, loss 10 %/h, 1 h slots, demand (0, 6) kW_th, band [0, 20], start and end ≥ 0,
        // P ≤ 2 kW, import (50, 100) EUR/MWh. Heat made in slot 0 costs 50/(3·0.9) = 18.5 EUR/MWh_th delivered in slot 1,
        // made in slot 1 it costs 100/3 = 33.3, so P0 = 2 kW (E0 = 6 kWh_th), then 0.9·6 + 3·P1 − 6 = 0 gives P1 = 0.2 kW.
        // Cost 2·50 + 0.2·100 = 120 EUR/MWh·kWh = 0.12 EUR.
        var hp = HeatPump("hp", minKw: 0, maxKw: 2, cop: [3, 3], capacityKwh: 20, lossPerHour: 0.1, comfortMinKwh: 0, comfortMaxKwh: 20, initialKwh: 0, finalKwh: 0, demandKw: [0, 6]);
        var scenario = Single(hp, importEurPerMwh: [50, 100], exportEurPerMwh: [0, 0]);

        var r = PoolClearing.Clear(scenario, new CopperPlateFormulation());

        Assert.Equal(PoolStatus.Optimal, r.Status);
        Approx.Equal(-0.12, (double)r.WelfareEur, 1e-6, what: "welfare");
        var d = Assert.IsType<HeatPumpDispatch>(Assert.Single(r.Assets));
        Approx.Equal(2.0, d.ElectricKw[0], 1e-6, what: "P0");
        Approx.Equal(0.2, d.ElectricKw[1], 1e-6, what: "P1");
        Approx.Equal(6.0, d.StoredHeatKwh[0], 1e-6, what: "E0");
        Approx.Equal(0.0, d.StoredHeatKwh[1], 1e-6, what: "E1");
        Approx.Equal(6.0, d.HeatKw[0], 1e-6, what: "heat 0");
        Assert.Equal(d.ElectricKw, d.ReactiveConsumptionKw);
        Assert.Equal(d.ElectricKw.Select(p => -p), d.NetInjectionKw);
        Approx.Equal(2.2, r.ImportMwh * 1000, 1e-6, what: "import kWh");
    }

    [Fact]
    public void Pool_PreHeatsInCheapSlotsWithinTheComfortBand()
    {
        var scenario = PreHeating();
        var hp = (HeatPump)scenario.Participants[0].Assets[0];

        var r = PoolClearing.Clear(scenario, new CopperPlateFormulation());

        Assert.Equal(PoolStatus.Optimal, r.Status);
        Approx.Equal(-PreHeatingCostEur, (double)r.WelfareEur, 1e-6, what: "welfare");
        var d = Assert.IsType<HeatPumpDispatch>(Assert.Single(r.Assets));
        CheckStateEquation(hp, d);
        foreach (var t in DearSlots)
        {
            Approx.Equal(0.0, d.ElectricKw[t], 1e-6, what: $"power in dear slot {t}");
        }

        // Pre-heating: before the two dear slots the store holds more than it started with (at least 13 kWh_th).
        Assert.True(d.StoredHeatKwh[1] >= 13 - 1e-6, $"E1 = {d.StoredHeatKwh[1]}");
        Assert.All(d.StoredHeatKwh, e => Assert.InRange(e, 5 - 1e-6, 15 + 1e-6));

        // Following the demand instead (1 kW in every slot) costs 3·30 + 3·200 EUR/MWh·kWh = 0.69 EUR.
        Assert.True(-(double)r.WelfareEur < 0.69 - 0.1);
    }

    [Fact]
    public void Pool_TighterComfortBand_LimitsPreHeating()
    {
        // Band [5, 12]: E1 ≤ 12, so after the dear slots 2 and 3 the store holds at most 6 and slot 4 can add at most
        // 9 − 3 = 6 → E4 ≤ 12, leaving E5 = 9 < 10 at P5 = 0: 1/3 kWh must be bought at 200 in slot 5 (E5 = 10 at
        // P5 = 1/3). Cheap energy: (E1 − 4)/3 + P4 with E1 = 12, P4 = 3 → 8/3 + 3; total cost
        // 30·(8/3 + 3) + 200/3 = 236.67 EUR/MWh·kWh.
        var scenario = PreHeating(comfortMaxKwh: 12);

        var r = PoolClearing.Clear(scenario, new CopperPlateFormulation());

        Assert.Equal(PoolStatus.Optimal, r.Status);
        Approx.Equal(-((30 * ((8.0 / 3) + 3)) + (200.0 / 3)) / 1000, (double)r.WelfareEur, 1e-6, what: "welfare");
    }

    [Theory]
    [InlineData(DistributedMechanism.Exchange)]
    [InlineData(DistributedMechanism.Community)]
    public void Distributed_PreHeating_ReachesThePoolWelfareAndSchedule(DistributedMechanism mechanism)
    {
        var scenario = PreHeating();
        var pool = PoolClearing.Clear(scenario, new CopperPlateFormulation());

        var r = DistributedClearing.Run(scenario, mechanism);

        Assert.Equal(ConvergenceStatus.Converged, r.Status);
        Approx.Equal((double)pool.WelfareEur, (double)r.WelfareEur, 2e-3, what: "welfare against the pool");
        var position = r.Positions.Single(p => p.ParticipantId == "home").NetInjectionKw;
        foreach (var t in DearSlots)
        {
            Approx.Equal(0.0, position[t], 2e-2, what: $"position in dear slot {t}");
        }

        // The cheap slots carry the 6 kWh of electricity the pool buys there.
        Approx.Equal(-6.0, position.Sum(), 2e-2, what: "net energy");
    }

    [Fact]
    public void Pool_ComfortUnreachable_IsNamedAsTheCause()
    {
        // At most 3·1 = 3 kW_th against 5 kW_th of demand: the store (6 kWh_th, minimum 4) holds 6 + 3 − 5 = 4 after slot 0
        // and would hold 2 after slot 1.
        var hp = HeatPump("hp", minKw: 0, maxKw: 1, cop: [3, 3], capacityKwh: 10, lossPerHour: 0, comfortMinKwh: 4, comfortMaxKwh: 10, initialKwh: 6, finalKwh: 4, demandKw: [5, 5]);
        var scenario = Single(hp, importEurPerMwh: [50, 50]);

        var r = PoolClearing.Clear(scenario, new CopperPlateFormulation());

        Assert.Equal(PoolStatus.Infeasible, r.Status);
        Assert.Contains("heat pump 'hp' of participant 'home' cannot meet its comfort band", r.Message, StringComparison.Ordinal);
        Assert.Contains("in slot 1", r.Message, StringComparison.Ordinal);
        Assert.Contains("comfort minimum of 4 kWh_th", r.Message, StringComparison.Ordinal);
        Assert.Contains("it holds at most 2 kWh_th against a thermal demand of 5 kW_th", r.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pool_ImportLimitBelowTheHeatNeeded_ElasticDiagnosisNamesTheHeatPump()
    {
        // On its own the heat pump is feasible (it needs 1 kW per slot); an import limit of 0.5 kW is not enough.
        var hp = HeatPump("hp", minKw: 0, maxKw: 2, cop: [3, 3], capacityKwh: 10, lossPerHour: 0, comfortMinKwh: 4, comfortMaxKwh: 10, initialKwh: 4, finalKwh: 4, demandKw: [3, 3]);
        var scenario = Single(hp, importEurPerMwh: [50, 50], importLimitKw: 0.5);

        var r = PoolClearing.Clear(scenario, new CopperPlateFormulation());

        Assert.Equal(PoolStatus.Infeasible, r.Status);
        Assert.Contains("heat pump 'hp' of participant 'home' cannot keep its stored heat at or above its comfort minimum", r.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_WritesHeatPumpStorageRows()
    {
        var scenario = PreHeating();
        var result = new PoolMechanism().Clear(new ClearingRequest(scenario));
        var report = Assert.IsType<PoolReport>(result.Report);
        var d = Assert.IsType<HeatPumpDispatch>(Assert.Single(report.Result.Assets));

        var storage = report.Files(new ClearingReportContext(scenario, result, null)).Single(f => f.Name == "storage.csv").Content;

        var rows = storage.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(6, rows.Count);
        for (var t = 0; t < 6; t++)
        {
            Assert.Equal(["home", "hp", "heat_pump"], rows[t][2..5]);
            Approx.Equal(d.ElectricKw[t], double.Parse(rows[t][5], System.Globalization.CultureInfo.InvariantCulture), 1e-6, what: "charge_kw");
            Assert.Equal("0", rows[t][6]);
            Approx.Equal(d.StoredHeatKwh[t], double.Parse(rows[t][7], System.Globalization.CultureInfo.InvariantCulture), 1e-6, what: "soc_kwh");
        }
    }

    [Fact]
    public void Cop_FromOutdoorTemperature_IsTheCarnotFraction()
    {
        // η·T_s/(T_s − T_o) in kelvin: 0.45·308.15/(35 − (−7)) = 3.30161.
        Approx.Equal(0.45 * 308.15 / 42, HeatPumpCop.FromTemperatures(-7, 35, 0.45, 7), 1e-12);
        Assert.Equal(7, HeatPumpCop.FromTemperatures(30, 35, 0.45, 7)); // 0.45·308.15/5 = 27.7, capped
        Assert.Equal(7, HeatPumpCop.FromTemperatures(40, 35, 0.45, 7)); // no lift
    }

    [Fact]
    public void Registry_KnowsHeatPumps_AndEveryKindByItsAssetType()
    {
        Assert.Equal(["inflexible_load", "pv", "wind", "battery", "ev", "flexible_load", "curtailable_load", "heat_pump"], AssetKinds.TypeNames);
        var hp = HeatPump("hp", 0, 1, [3], 10, 0, 0, 10, 5, 5, [1]);
        Assert.IsType<HeatPumpKind>(AssetKinds.Of(hp));
        Assert.Same(AssetKinds.Find("heat_pump"), AssetKinds.Of(hp));
        Assert.Null(AssetKinds.Find("heatpump"));
        Assert.All(AssetKinds.All, k => Assert.All(k.TypeNames, n => Assert.Same(k, AssetKinds.Find(n))));
        Assert.Null(AssetKinds.Of(hp).Separable(hp));
        Approx.Equal(1.0 / 3, AssetKinds.Of(hp).ExpectedConsumptionKw(hp, TestScenarios.Hourly(1))![0], 1e-12);
    }

    private static readonly int[] DearSlots = [2, 3, 5];

    /// <summary>See <see cref="PreHeating"/>: 6 kWh of electricity at 30 EUR/MWh.</summary>
    private const double PreHeatingCostEur = 6 * 30 / 1000.0;

    /// <summary>
    /// Six hourly slots, import (30, 30, 200, 200, 30, 200) EUR/MWh, export 0; COP 3, no loss, demand 3 kW_th, band
    /// [5, 15] (or [5, <paramref name="comfortMaxKwh"/>]), start 10, end ≥ 10, P ≤ 3 kW. The store must end where it
    /// started, so 3·ΣP = 18 kWh_th: ΣP = 6 kWh. All of it fits in the cheap slots 0, 1 and 4 (hand calculation: with
    /// P = 0 in the dear slots, E4 = E1 − 9 + 3·P4 ≥ 13 and E1 ≤ 15, P4 ≤ 3 hold with E1 ∈ [13, 15]), so the optimum costs
    /// 6·30 EUR/MWh·kWh = 0.18 EUR.
    /// </summary>
    private static Scenario PreHeating(double comfortMaxKwh = 15)
    {
        var hp = HeatPump("hp", minKw: 0, maxKw: 3, cop: [3, 3, 3, 3, 3, 3], capacityKwh: 20, lossPerHour: 0, comfortMinKwh: 5, comfortMaxKwh: comfortMaxKwh, initialKwh: 10, finalKwh: 10, demandKw: [3, 3, 3, 3, 3, 3]);
        return Single(hp, importEurPerMwh: [30, 30, 200, 200, 30, 200], exportEurPerMwh: [0, 0, 0, 0, 0, 0]);
    }

    private static void CheckStateEquation(HeatPump hp, HeatPumpDispatch d)
    {
        var e = hp.InitialEnergy.Kwh;
        for (var t = 0; t < d.ElectricKw.Count; t++)
        {
            e = (hp.Retention(1.0) * e) + ((hp.Cop[t] * d.ElectricKw[t]) - hp.ThermalDemandKw[t]);
            Approx.Equal(e, d.StoredHeatKwh[t], 1e-6, what: $"E{t}");
            Assert.InRange(d.ElectricKw[t], hp.MinPower.Kw - 1e-6, hp.MaxPower.Kw + 1e-6);
        }

        Assert.True(d.StoredHeatKwh[^1] >= hp.FinalEnergyMin.Kwh - 1e-6);
    }

    private static Scenario Single(HeatPump hp, double[] importEurPerMwh, double[]? exportEurPerMwh = null, double? importLimitKw = null) =>
        TestScenarios.Scenario(
            "heat-pump",
            TestScenarios.Hourly(importEurPerMwh.Length),
            TestScenarios.Market(importEurPerMwh, exportEurPerMwh, importLimitKw),
            TestScenarios.Participant("home", ParticipantRole.Consumer, [hp]));

    private static HeatPump HeatPump(string id, double minKw, double maxKw, double[] cop, double capacityKwh, double lossPerHour, double comfortMinKwh, double comfortMaxKwh, double initialKwh, double finalKwh, double[] demandKw) => new(
        new AssetId(id),
        null,
        Power.FromKw(minKw),
        Power.FromKw(maxKw),
        new SlotSeries(cop),
        Energy.FromKwh(capacityKwh),
        lossPerHour,
        Energy.FromKwh(comfortMinKwh),
        Energy.FromKwh(comfortMaxKwh),
        Energy.FromKwh(initialKwh),
        Energy.FromKwh(finalKwh),
        new SlotSeries(demandKw));
}
