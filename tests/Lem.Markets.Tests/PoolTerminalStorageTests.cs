using Lem.Domain.Markets;
using Lem.Domain.Participants;
using Lem.Domain.Units;
using Lem.Grid.Formulations;
using Lem.Markets.Assets;
using Lem.Markets.Distributed;
using Lem.Markets.Pool;
using Lem.Testing;

namespace Lem.Markets.Tests;

/// <summary>
/// Storage at the horizon's end (docs/mechanisms/pool.md#storage-at-the-horizons-end): the cyclic option and the
/// terminal value of stored energy for batteries and for EVs still plugged in at the end, on the hand-calculated
/// examples of docs/mechanisms/pool.md#worked-examples-storage-and-an-ev.
/// </summary>
public sealed class PoolTerminalStorageTests
{
    // 10 MWh, 5 MW both ways, η = 0.9 both ways, starting at 5 MWh, no terminal minimum.
    private static readonly Battery Free = TestScenarios.Battery("bat", capacityKwh: 10_000, powerKw: 5_000, efficiency: 0.9, initialKwh: 5_000, terminalKwh: 0);

    [Fact]
    public void Clear_Cyclic_EndsExactlyAtTheInitialSocWithTheProfitOfTheWorkedExample()
    {
        // Without the cycle the battery would sell its initial 5 MWh too; with it, the worked example's 300 EUR is optimal.
        var free = Clear(Free, TestScenarios.Market([20, 50, 10, 60]), 4);
        var cyclic = Clear(Free with { Cyclic = true }, TestScenarios.Market([20, 50, 10, 60]), 4);

        Approx.Equal(300, (double)cyclic.WelfareEur, 1e-6, what: "profit");
        var d = Assert.IsType<BatteryDispatch>(Assert.Single(cyclic.Assets));
        Approx.Equal(5_000, d.SocKwh[3], 1e-6, what: "end SoC");
        Assert.True((double)free.WelfareEur > 300 + 1, $"without the cycle the battery sells its start energy too ({free.WelfareEur} EUR)");
    }

    [Fact]
    public void Clear_CyclicAtANegativePrice_DoesNotEndFuller()
    {
        // One slot at −10 EUR/MWh: with a minimum the battery is paid to charge 5 MW (SoC 9.5 MWh, +50 EUR);
        // cyclic, it must end at 5 MWh and, without simultaneous charging, stays idle (0 EUR).
        var minimum = Clear(Free with { TerminalSocMin = Free.InitialSoc }, TestScenarios.Market([-10]), 1);
        var cyclic = Clear(Free with { Cyclic = true }, TestScenarios.Market([-10]), 1);

        Approx.Equal(50, (double)minimum.WelfareEur, 1e-6, what: "minimum: welfare");
        Approx.Equal(9_500, Assert.IsType<BatteryDispatch>(Assert.Single(minimum.Assets)).SocKwh[0], 1e-6, what: "minimum: end SoC");
        Approx.Equal(0, (double)cyclic.WelfareEur, 1e-6, what: "cyclic: welfare");
        var d = Assert.IsType<BatteryDispatch>(Assert.Single(cyclic.Assets));
        Approx.Equal(5_000, d.SocKwh[0], 1e-6, what: "cyclic: end SoC");
        Approx.Equal(0, d.ChargeKw[0], 1e-6, what: "cyclic: charge");
    }

    [Fact]
    public void Clear_TerminalValueAboveWhatSellingEarns_KeepsTheEnergyStored()
    {
        // Import 80, export 40, 40, 40, 60 EUR/MWh; v = 70: charging costs 80 > 0.9·70 = 63, selling earns at most
        // 0.9·60 = 54 < 70 per MWh stored, so it keeps its 5 MWh. Welfare counts only the change of stored energy,
        // 70·(5 − 5) = 0 EUR, as with a required end SoC of 5 MWh.
        var r = Clear(Free with { TerminalValue = Price.FromEurPerMwh(70) }, TestScenarios.Market([80, 80, 80, 80], [40, 40, 40, 60]), 4);

        Approx.Equal(0, (double)r.WelfareEur, 1e-6, what: "welfare");
        var d = Assert.IsType<BatteryDispatch>(Assert.Single(r.Assets));
        for (var t = 0; t < 4; t++)
        {
            Approx.Equal(0, d.ChargeKw[t], 1e-6, what: $"charge {t}");
            Approx.Equal(0, d.DischargeKw[t], 1e-6, what: $"discharge {t}");
        }

        Approx.Equal(5_000, d.SocKwh[3], 1e-6, what: "end SoC");
    }

    [Fact]
    public void Clear_TerminalValueBelowWhatSellingEarns_SellsTheEnergyInTheBestSlot()
    {
        // v = 30 < 0.9·60 = 54: the 5 MWh are sold in slot 3 at 4.5 MW, 4.5·60 = 270 EUR, and the battery ends empty:
        // welfare 270 − 30·5 = 120 EUR (the stored energy's change at its terminal value).
        var r = Clear(Free with { TerminalValue = Price.FromEurPerMwh(30) }, TestScenarios.Market([80, 80, 80, 80], [40, 40, 40, 60]), 4);

        Approx.Equal(120, (double)r.WelfareEur, 1e-6, what: "welfare");
        var d = Assert.IsType<BatteryDispatch>(Assert.Single(r.Assets));
        double[] discharge = [0, 0, 0, 4_500];
        for (var t = 0; t < 4; t++)
        {
            Approx.Equal(discharge[t], d.DischargeKw[t], 1e-6, what: $"discharge {t}");
            Approx.Equal(0, d.ChargeKw[t], 1e-6, what: $"charge {t}");
        }

        Approx.Equal(0, d.SocKwh[3], 1e-6, what: "end SoC");
    }

    // An EV plugged in from slot 0 until 2 h after a 4-hour horizon: 10 kW, η = 1, 50 kWh, arriving with 10 kWh and
    // required to hold 40 kWh at its departure. After the horizon it can still charge 1·10·2 = 20 kWh, so with a
    // terminal value it must hold only 40 − 20 = 20 kWh at the horizon's end. Import prices 50, 100, 30, 120 EUR/MWh.
    private static readonly ElectricVehicle Overnight = TestScenarios.Ev("ev", arrivalSlot: 0, departureSlot: 6, arrivalKwh: 10, requiredKwh: 40, maxChargeKw: 10, efficiency: 1, capacityKwh: 50);

    [Fact]
    public void Clear_EvWithoutTerminalValue_HoldsItsWholeRequirementAtTheHorizonsEnd()
    {
        // 30 kWh in the three cheapest slots 2, 0, 1: 0.3 + 0.5 + 1.0 = 1.8 EUR.
        var (r, d) = ClearEv(Overnight);

        Approx.Equal(-1.8, (double)r.WelfareEur, 1e-6, what: "welfare");
        Approx.Equal(40, d.EnergyKwh[3], 1e-6, what: "end energy");
    }

    [Fact]
    public void Clear_EvWithATerminalValue_ChargesOnlyBelowItAndPaysItForWhatItStillLacks()
    {
        // v = 60: slots 0 (50) and 2 (30) are cheaper than the value, slots 1 (100) and 3 (120) are not: it stores 20 kWh
        // (0.5 + 0.3 = 0.8 EUR), ends at 30 kWh and lacks 10 kWh of its 40, worth 0.6 EUR: welfare −1.4 EUR, above
        // the −1.8 EUR of the requirement at the horizon's end, whose schedule scores the same −1.8 with the value.
        var (r, d) = ClearEv(Overnight with { TerminalValue = Price.FromEurPerMwh(60) });

        Approx.Equal(-1.4, (double)r.WelfareEur, 1e-6, what: "welfare");
        double[] charge = [10, 0, 10, 0];
        for (var t = 0; t < 4; t++)
        {
            Approx.Equal(charge[t], d.ChargeKw[t], 1e-6, what: $"charge {t}");
        }

        Approx.Equal(30, d.EnergyKwh[3], 1e-6, what: "end energy");
        Approx.Equal(20, d.RequiredEnergyKwh, 1e-9, what: "energy to hold at the horizon's end");
    }

    [Fact]
    public void Clear_EvWithALowTerminalValue_ChargesOnlyWhatItCannotChargeAfterTheHorizon()
    {
        // v = 20, below every price: it charges only up to the 20 kWh it must hold, 10 kWh in slot 2 (0.3 EUR), and
        // lacks 20 kWh worth 0.4 EUR: welfare −0.7 EUR.
        var (r, d) = ClearEv(Overnight with { TerminalValue = Price.FromEurPerMwh(20) });

        Approx.Equal(-0.7, (double)r.WelfareEur, 1e-6, what: "welfare");
        Approx.Equal(10, d.ChargeKw[2], 1e-6, what: "charge in slot 2");
        Approx.Equal(20, d.EnergyKwh[3], 1e-6, what: "end energy");
    }

    [Fact]
    public void Clear_EvWithAHighTerminalValue_ChargesNoMoreThanItsRequirement()
    {
        // v = 200, above every price: energy beyond the 40 kWh requirement is worth nothing, so it charges 30 kWh in the
        // cheapest slots (1.8 EUR) and not the 10 kWh more that would fill its 50 kWh battery in slot 3.
        var (r, d) = ClearEv(Overnight with { TerminalValue = Price.FromEurPerMwh(200) });

        Approx.Equal(-1.8, (double)r.WelfareEur, 1e-6, what: "welfare");
        Approx.Equal(0, d.ChargeKw[3], 1e-6, what: "charge in slot 3");
        Approx.Equal(40, d.EnergyKwh[3], 1e-6, what: "end energy");
    }

    [Theory]
    [InlineData(DistributedMechanism.Exchange)]
    [InlineData(DistributedMechanism.Community)]
    [InlineData(DistributedMechanism.P2p)]
    public void Distributed_TerminalValues_ReachThePoolWelfareWithTheSameConstants(DistributedMechanism mechanism)
    {
        // A battery (20 kWh, 10 kW, η = 0.9, starting at 10 kWh, v = 30) and the overnight EV (v = 60) in one market.
        // The value terms carry constants (v·e_initial = 0.3 EUR, v·required = 2.4 EUR) that the agents report in their
        // costs; without them the distributed welfare would be off by 2.7 EUR.
        var battery = TestScenarios.Battery("bat", capacityKwh: 20, powerKw: 10, efficiency: 0.9, initialKwh: 10, terminalKwh: 0) with { TerminalValue = Price.FromEurPerMwh(30) };
        var scenario = TestScenarios.Scenario(
            "terminal-distributed",
            TestScenarios.Hourly(4),
            TestScenarios.Market([50, 100, 30, 120], [40, 90, 20, 110]),
            TestScenarios.Participant("owner", ParticipantRole.StorageOwner, [battery]),
            TestScenarios.Participant("driver", ParticipantRole.Consumer, [Overnight with { TerminalValue = Price.FromEurPerMwh(60) }]));
        var pool = PoolClearing.Clear(scenario, new CopperPlateFormulation());
        PoolChecks.All(scenario, pool);

        var r = DistributedClearing.Run(scenario, mechanism);

        Assert.Equal(ConvergenceStatus.Converged, r.Status);
        Approx.Equal((double)pool.WelfareEur, (double)r.WelfareEur, 2e-3, what: "welfare against the pool");
    }

    private static (PoolResult Result, EvDispatch Dispatch) ClearEv(ElectricVehicle ev)
    {
        var scenario = TestScenarios.Scenario("ev-terminal", TestScenarios.Hourly(4), TestScenarios.Market([50, 100, 30, 120]), TestScenarios.Participant("driver", ParticipantRole.Consumer, [ev]));
        var r = PoolClearing.Clear(scenario, new CopperPlateFormulation());
        Assert.Equal(PoolStatus.Optimal, r.Status);
        PoolChecks.All(scenario, r);
        return (r, Assert.IsType<EvDispatch>(Assert.Single(r.Assets)));
    }

    private static PoolResult Clear(Battery battery, OutsideMarket market, int slots)
    {
        var scenario = TestScenarios.Scenario("terminal", TestScenarios.Hourly(slots), market, TestScenarios.Participant("owner", ParticipantRole.StorageOwner, [battery]));
        var r = PoolClearing.Clear(scenario, new CopperPlateFormulation());
        Assert.Equal(PoolStatus.Optimal, r.Status);
        PoolChecks.All(scenario, r);
        return r;
    }
}
