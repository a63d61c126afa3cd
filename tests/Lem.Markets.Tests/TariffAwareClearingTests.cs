using Lem.Domain.Participants;
using Lem.Domain.Series;
using Lem.Domain.Units;
using Lem.Grid.Formulations;
using Lem.Markets.Assets;
using Lem.Markets.Clearing;
using Lem.Markets.Distributed;
using Lem.Markets.Pool;
using Lem.Markets.Tariffs;
using Lem.Pipeline;
using Lem.Settlement.Tariffs;
using Lem.Testing;

namespace Lem.Markets.Tests;

/// <summary>
/// Tariff-aware clearing (docs/mechanisms/pool.md#tariff-aware-clearing, docs/settlement.md#tariff-aware-clearing): hand-calculated
/// cases where a per-meter charge changes the dispatch, in the pool, through the distributed engines and after settlement.
/// </summary>
public sealed class TariffAwareClearingTests
{
    /// <summary>The measured-peak charge of the cases below, EUR/kW.</summary>
    private const double PeakEurPerKw = 0.01;

    /// <summary>
    /// Two hours at (50, 52 + <paramref name="spreadEurPerMwh"/> − 2) EUR/MWh (import = export): a lossless 10 kWh,
    /// 10 kW battery that starts and ends empty, and a household that draws 10 kW in both hours; with a settlement
    /// section that charges only the measured peak (<see cref="PeakEurPerKw"/>).
    /// </summary>
    private static Scenario NightSpread(double spreadEurPerMwh = 2)
    {
        var battery = TestScenarios.Battery("b-bat", capacityKwh: 10, powerKw: 10, efficiency: 1.0, initialKwh: 0, terminalKwh: 0);
        var scenario = TestScenarios.Scenario(
            "night-spread",
            TestScenarios.Hourly(2),
            TestScenarios.Market([50, 50 + spreadEurPerMwh]),
            TestScenarios.Participant("b", ParticipantRole.StorageOwner, [battery]),
            TestScenarios.Participant("h", ParticipantRole.Consumer, [TestScenarios.Load("h-load", 10, 10)]));
        return scenario with { Settlement = new SettlementSettings { IsSpecified = true, Grid = new TariffGrid { MeasuredPeakEurPerKw = (decimal)PeakEurPerKw } } };
    }

    private static Dictionary<ParticipantId, TariffCost> PeakOnly(params string[] ids) => ids.ToDictionary(
        id => new ParticipantId(id),
        _ => new TariffCost { WithdrawalEurPerMwh = [0.0, 0.0], InjectionEurPerMwh = [0.0, 0.0], PeakEurPerKw = PeakEurPerKw });

    private static IReadOnlyList<double> Position(PoolResult r, string id) => r.Participants.Single(p => p.Participant == new ParticipantId(id)).NetInjectionKw;

    [Fact]
    public void Pool_PeakChargeAboveTheSpread_BatteryStopsChasingIt()
    {
        // By hand: cycling 10 kWh earns 10 kWh × 2 EUR/MWh = 0.02 EUR, but charging at 10 kW sets the battery's billed
        // peak at 10 kW × 0.01 EUR/kW = 0.10 EUR; any partial cycle of c kW earns 0.002·c and costs 0.01·c EUR.
        // Without tariffs: charge 10 kW, discharge 10 kW, import (20, 0) kW, welfare −(20·50 + 0·52)/1000 = −1.00 EUR.
        // Tariff-aware: the battery idles, import (10, 10) kW, welfare −(10·50 + 10·52)/1000 = −1.02 EUR.
        var scenario = NightSpread();
        var blind = PoolClearing.Clear(scenario, new CopperPlateFormulation());
        var aware = PoolClearing.Clear(scenario, new CopperPlateFormulation(), new PoolOptions { Clearing = new ClearingOptions { Tariffs = PeakOnly("b", "h") } });

        Assert.Equal(PoolStatus.Optimal, blind.Status);
        Assert.Equal(PoolStatus.Optimal, aware.Status);
        Approx.Equal(-10, Position(blind, "b")[0], 1e-6, what: "blind: battery charges");
        Approx.Equal(10, Position(blind, "b")[1], 1e-6, what: "blind: battery discharges");
        Approx.Equal(-1.00, (double)blind.WelfareEur, 1e-6, what: "blind welfare");
        Approx.Equal(0, Position(aware, "b")[0], 1e-6, what: "aware: battery idle in hour 1");
        Approx.Equal(0, Position(aware, "b")[1], 1e-6, what: "aware: battery idle in hour 2");
        Approx.Equal(-1.02, (double)aware.WelfareEur, 1e-6, what: "aware welfare (the market's, without the tariff)");
        Approx.Equal(0.010, aware.Slots[0].ImportMwh, 1e-9);
        Approx.Equal(0.010, aware.Slots[1].ImportMwh, 1e-9);
        Approx.Equal(0.020, blind.Slots[0].ImportMwh, 1e-9);
        Approx.Equal(0.000, blind.Slots[1].ImportMwh, 1e-9);

        // The battery couples the hours and the import is marginal in both: prices are the import prices.
        Approx.Equal(50, aware.Slots[0].PricesEurPerMwh[0], 1e-6);
        Approx.Equal(52, aware.Slots[1].PricesEurPerMwh[0], 1e-6);
    }

    [Fact]
    public void Pool_SpreadAboveThePeakCharge_BatteryStillCycles()
    {
        // A 20 EUR/MWh spread earns 10 kWh × 20 EUR/MWh = 0.20 EUR against a 0.10 EUR peak charge: the full cycle pays.
        var aware = PoolClearing.Clear(NightSpread(spreadEurPerMwh: 20), new CopperPlateFormulation(), new PoolOptions { Clearing = new ClearingOptions { Tariffs = PeakOnly("b", "h") } });

        Assert.Equal(PoolStatus.Optimal, aware.Status);
        Approx.Equal(-10, Position(aware, "b")[0], 1e-6);
        Approx.Equal(10, Position(aware, "b")[1], 1e-6);
        Approx.Equal(-(20 * 50 / 1000.0), (double)aware.WelfareEur, 1e-6);
    }

    [Fact]
    public void Pipeline_TariffAwareByDefault_BatteryOwnersBillFallsFrom0_08To0()
    {
        // By hand, blind: the battery buys 10 kWh at 50 and sells 10 kWh at the slot-2 price p₂ ∈ [50, 52] (degenerate:
        // the battery is marginal), and pays the 0.10 EUR peak: 0.50 − 0.01·p₂ + 0.10 ≥ 0.08 EUR. Tariff-aware: no
        // energy, no peak, a bill of 0. The household's bill: 10 kWh at each price + the same 0.10 EUR peak.
        var scenario = NightSpread();
        var blind = ClearingPipeline.Run(scenario, new PipelineRequest("pool") { Settle = true, AcCheck = false, TariffAware = false });
        var aware = ClearingPipeline.Run(scenario, new PipelineRequest("pool") { Settle = true, AcCheck = false });

        Assert.False(blind.TariffAware);
        Assert.True(aware.TariffAware);
        decimal Bill(PipelineResult r, string id) => r.Settlement!.Invoices.Single(i => i.Participant.Id == new ParticipantId(id)).TotalEur;
        Assert.InRange(Bill(blind, "b"), 0.08m, 0.10m);
        Assert.Equal(0m, Bill(aware, "b"));
        Assert.True(Bill(aware, "b") <= Bill(blind, "b"));
        Assert.Equal(0.50m + 0.52m + 0.10m, Bill(aware, "h"));
    }

    [Theory]
    [InlineData(DistributedMechanism.Exchange)]
    [InlineData(DistributedMechanism.Community)]
    public void Distributed_PeakChargeAboveTheSpread_SameDispatchAsThePool(DistributedMechanism mechanism)
    {
        var scenario = NightSpread();
        var blind = DistributedClearing.Run(scenario, mechanism);
        var aware = DistributedClearing.Run(scenario, mechanism, DistributedOptions.Default with { Tariffs = PeakOnly("b", "h") });

        IReadOnlyList<double> Of(DistributedResult r) => r.Positions.Single(p => p.ParticipantId == "b").NetInjectionKw;
        Assert.Equal(ConvergenceStatus.Converged, aware.Status);
        Approx.Equal(-10, Of(blind)[0], 1e-2, what: "blind: battery charges");
        Approx.Equal(10, Of(blind)[1], 1e-2, what: "blind: battery discharges");
        Approx.Equal(0, Of(aware)[0], 1e-2, what: "aware: battery idle in hour 1");
        Approx.Equal(0, Of(aware)[1], 1e-2, what: "aware: battery idle in hour 2");
        Approx.Equal(-1.02, (double)aware.WelfareEur, 1e-4, what: "aware welfare (the market's, without the tariff)");
    }

    /// <summary>
    /// One hour at 50 EUR/MWh: a household with 8 kW of PV (no curtailment cost) and a 3 kW load, and a neighbour with
    /// a 2 kW load. An operator fee of 60 EUR/MWh on injection is above the 50 EUR/MWh the export earns, so the
    /// tariff-aware household curtails to its own load (net 0) instead of exporting 5 kW.
    /// </summary>
    private static (Scenario Scenario, Dictionary<ParticipantId, TariffCost> Tariffs) FeeAboveThePrice()
    {
        var pv = new RenewableGenerator(new AssetId("pv"), null, RenewableKind.Pv, Power.FromKw(8), new SlotSeries([8]), Price.FromEurPerMwh(0));
        var scenario = TestScenarios.Scenario(
            "fee",
            TestScenarios.Hourly(1),
            TestScenarios.Market([50]),
            TestScenarios.Participant("pv-home", ParticipantRole.Prosumer, [pv, TestScenarios.Load("pv-home-load", 3)]),
            TestScenarios.Participant("n", ParticipantRole.Consumer, [TestScenarios.Load("n-load", 2)]));
        var fee = new TariffCost { WithdrawalEurPerMwh = [60.0], InjectionEurPerMwh = [60.0] };
        return (scenario, new Dictionary<ParticipantId, TariffCost> { [new ParticipantId("pv-home")] = fee, [new ParticipantId("n")] = fee });
    }

    [Fact]
    public void PerSlotFee_PoolAndSeparableAgents_CurtailToOwnLoad()
    {
        // Blind: PV 8 kW, net +5 kW (the neighbour's 2 kW and 3 kW exported), welfare = −0 (import 0, export 3 kW earns
        // 0.15 EUR) = +0.15 EUR. Aware: exporting a kWh earns 50 and costs 60 EUR/MWh, so the household produces only its
        // 3 kW; the neighbour imports 2 kW: welfare −2·50/1000 = −0.10 EUR.
        var (scenario, tariffs) = FeeAboveThePrice();
        var blind = PoolClearing.Clear(scenario, new CopperPlateFormulation());
        var pool = PoolClearing.Clear(scenario, new CopperPlateFormulation(), new PoolOptions { Clearing = new ClearingOptions { Tariffs = tariffs } });
        var exchange = DistributedClearing.Run(scenario, DistributedMechanism.Exchange, DistributedOptions.Default with { Tariffs = tariffs });

        Approx.Equal(5, Position(blind, "pv-home")[0], 1e-6);
        Approx.Equal(0.15, (double)blind.WelfareEur, 1e-6);
        Approx.Equal(0, Position(pool, "pv-home")[0], 1e-6);
        Approx.Equal(-0.10, (double)pool.WelfareEur, 1e-6);
        Approx.Equal(0, exchange.Positions.Single(p => p.ParticipantId == "pv-home").NetInjectionKw[0], 1e-2);
        Approx.Equal(-0.10, (double)exchange.WelfareEur, 1e-4);
    }

    [Fact]
    public void ClearingTariffs_VillageLikeTariff_ConvertsEveryPerMeterChargeToEurPerMwh()
    {
        // Time-of-use 0.032 EUR/kWh 00:00–06:00, else 0.081; levies 0.063; fee 0.004 per side; peak 0.5 EUR/kW.
        var scenario = NightSpread();
        var settings = new SettlementSettings
        {
            IsSpecified = true,
            Grid = new TariffGrid { VolumetricEurPerKwh = 0.081m, TimeOfUse = [new TariffPeriod("off_peak", 0, 60, 0.032m)], MeasuredPeakEurPerKw = 0.5m },
            Taxes = new TariffTaxes { LeviesEurPerKwh = 0.063m },
            OperatorFee = new TariffOperatorFee { EurPerKwh = 0.004m },
        };

        var costs = ClearingTariffs.ForScenario(scenario, settings);

        var b = costs[new ParticipantId("b")];
        Approx.Equal(32 + 63 + 4, b.WithdrawalEurPerMwh[0], 1e-9, what: "00:00 slot: off-peak");
        Approx.Equal(81 + 63 + 4, b.WithdrawalEurPerMwh[1], 1e-9, what: "01:00 slot: volumetric");
        Assert.Equal([4.0, 4.0], b.InjectionEurPerMwh);
        Approx.Equal(0.5, b.PeakEurPerKw);
        Assert.Empty(b.NetBands);

        // Net metering moves the grid energy charge to the bands; the levies and the fee stay per slot.
        var net = ClearingTariffs.ForScenario(scenario, settings with { Grid = settings.Grid with { NetMetering = true } })[new ParticipantId("h")];
        Assert.Equal([67.0, 67.0], net.WithdrawalEurPerMwh);
        Assert.Equal(2, net.NetBands.Count);
        Assert.Contains(net.NetBands, x => x.Slots.SequenceEqual([0]) && Math.Abs(x.EurPerMwh - 32) < 1e-9);
        Assert.Contains(net.NetBands, x => x.Slots.SequenceEqual([1]) && Math.Abs(x.EurPerMwh - 81) < 1e-9);
    }
}
