using Lem.Domain.Participants;
using Lem.Grid.Formulations;
using Lem.Markets.Pool;
using Lem.Pipeline;
using Lem.Testing;
using Lem.Markets.Assets;

namespace Lem.Markets.Tests;

/// <summary>The storage and EV examples of docs/mechanisms/pool.md#worked-examples-storage-and-an-ev, and simultaneous charging at negative prices.</summary>
public sealed class PoolStorageTests
{
    [Fact]
    public void Clear_Section9Battery_TradesAgainstOutsideMarketForProfit300()
    {
        // Prices (20, 50, 10, 60) EUR/MWh for import and export; 10 MWh, 5 MW, η = 0.9 both ways, e0 = eT = 5 MWh.
        var battery = TestScenarios.Battery("bat", capacityKwh: 10_000, powerKw: 5_000, efficiency: 0.9, initialKwh: 5_000, terminalKwh: 5_000);
        var scenario = TestScenarios.Scenario(
            "battery",
            TestScenarios.Hourly(4),
            TestScenarios.Market([20, 50, 10, 60]),
            TestScenarios.Participant("owner", ParticipantRole.StorageOwner, [battery]));

        var r = PoolClearing.Clear(scenario, new CopperPlateFormulation());

        Assert.Equal(PoolStatus.Optimal, r.Status);
        Approx.Equal(300, (double)r.WelfareEur, 1e-6, what: "profit");
        Assert.False(r.SimultaneousChargingPrevented);

        // The battery couples the slots: the prices are the LP duals, here the outside prices.
        double[] expected = [20, 50, 10, 60];
        for (var t = 0; t < 4; t++)
        {
            Assert.Equal(PriceSource.Dual, r.Slots[t].PriceSource);
            Approx.Equal(expected[t], r.Slots[t].PricesEurPerMwh[0], 1e-6, what: $"price {t}");
        }

        // The schedule obeys the SoC model (an alternative optimum may differ from the reference schedule).
        var d = Assert.IsType<BatteryDispatch>(Assert.Single(r.Assets));
        var e = 5_000.0;
        for (var t = 0; t < 4; t++)
        {
            e += (0.9 * d.ChargeKw[t]) - (d.DischargeKw[t] / 0.9);
            Approx.Equal(e, d.SocKwh[t], 1e-6);
            Assert.InRange(d.SocKwh[t], -1e-6, 10_000 + 1e-6);
        }

        Assert.True(d.SocKwh[3] >= 5_000 - 1e-6);
        Approx.Equal(r.ImportMwh, d.ChargeKw.Sum() / 1000, 1e-9);
        Approx.Equal(r.ExportMwh, d.DischargeKw.Sum() / 1000, 1e-9);
    }

    [Fact]
    public void Clear_Section9Ev_ChargesInCheapestHoursAtCost0_8102()
    {
        // Prices (0.30, 0.25, 0.10, 0.12, 0.20, 0.35) EUR/kWh; plugged in during hours 2–5 (slots 1–4); 7 kWh at 3.7 kW, η = 0.95.
        var ev = TestScenarios.Ev("ev", arrivalSlot: 1, departureSlot: 5, arrivalKwh: 20, requiredKwh: 27, maxChargeKw: 3.7);
        var scenario = TestScenarios.Scenario(
            "ev",
            TestScenarios.Hourly(6),
            TestScenarios.Market([300, 250, 100, 120, 200, 350]),
            TestScenarios.Participant("driver", ParticipantRole.Consumer, [ev]));

        var r = PoolClearing.Clear(scenario, new CopperPlateFormulation());

        Assert.Equal(PoolStatus.Optimal, r.Status);
        Approx.Equal(-0.8102, (double)r.WelfareEur, 5e-5, what: "welfare = −cost");
        Approx.Equal(-(0.37 + (3.485 / 0.95 * 0.12)), (double)r.WelfareEur, 1e-6);
        var d = Assert.IsType<EvDispatch>(Assert.Single(r.Assets));
        double[] charge = [0, 0, 3.7, 3.485 / 0.95, 0, 0];
        for (var t = 0; t < 6; t++)
        {
            Approx.Equal(charge[t], d.ChargeKw[t], 1e-6, what: $"charge {t}");
        }

        Assert.Equal(1, d.FirstPluggedSlot);
        Assert.Equal(4, d.PluggedSlots);
        Approx.Equal(27, d.EnergyKwh[4], 1e-6);
        Approx.Equal(27, d.EnergyKwh[5], 1e-6);
        Approx.Equal(20, d.EnergyKwh[0], 1e-9);

        // Slots 0 and 5 are not coupled: the tie rules price them (unlimited import and export at one price).
        Assert.Equal(PriceSource.TieRule, r.Slots[0].PriceSource);
        Approx.Equal(300, r.Slots[0].PricesEurPerMwh[0], 1e-9);
        Assert.Equal(PriceSource.Dual, r.Slots[2].PriceSource);
        Approx.Equal(100, r.Slots[2].PricesEurPerMwh[0], 1e-6);
    }

    [Fact]
    public void Clear_NegativePrices_BinariesStopTheBatteryBurningEnergy()
    {
        var scenario = NegativePriceScenario();

        var lp = PoolClearing.Clear(scenario, new CopperPlateFormulation(), new PoolOptions { PreventSimultaneousCharging = false });
        var r = PoolClearing.Clear(scenario, new CopperPlateFormulation());

        // Without binaries the LP charges and discharges at once to import more at a negative price.
        Assert.Equal(PoolStatus.Optimal, lp.Status);
        var lpBattery = lp.Assets.OfType<BatteryDispatch>().Single();
        Assert.Contains(Enumerable.Range(0, 4), t => lpBattery.ChargeKw[t] > 1e-3 && lpBattery.DischargeKw[t] > 1e-3);
        Assert.False(lp.SimultaneousChargingPrevented);

        Assert.Equal(PoolStatus.Optimal, r.Status);
        Assert.True(r.SimultaneousChargingPrevented);
        Assert.Equal(4, r.Statistics.Binaries);
        Assert.True(r.Statistics.Solves >= 3, "LP, MILP and LP with fixed binaries");
        var battery = r.Assets.OfType<BatteryDispatch>().Single();
        for (var t = 0; t < 4; t++)
        {
            Assert.True(Math.Min(battery.ChargeKw[t], battery.DischargeKw[t]) <= 1e-6, $"slot {t}: charge {battery.ChargeKw[t]} kW and discharge {battery.DischargeKw[t]} kW");
            Assert.InRange(battery.SocKwh[t], -1e-6, 10 + 1e-6);
        }

        Assert.True(r.WelfareEur <= lp.WelfareEur + 1e-6m, "forbidding simultaneity cannot raise welfare");
        Assert.All(r.Slots, s => Assert.Equal(PriceSource.Dual, s.PriceSource));
    }

    /// <summary>Paid 50 EUR/MWh to import, charged 60 to export: an LP battery burns energy by cycling.</summary>
    internal static Lem.Pipeline.Scenario NegativePriceScenario()
    {
        var battery = TestScenarios.Battery("bat", capacityKwh: 10, powerKw: 5, efficiency: 0.9, initialKwh: 5, terminalKwh: 5);
        return TestScenarios.Scenario(
            "negative",
            TestScenarios.Hourly(4),
            TestScenarios.Market([-50, -50, -50, -50], [-60, -60, -60, -60]),
            TestScenarios.Participant("home", ParticipantRole.Prosumer, [TestScenarios.Load("load", 1, 1, 1, 1), battery]));
    }
}
