using Lem.Domain.Markets;
using Lem.Domain.Participants;
using Lem.Domain.Units;
using Lem.Grid.Formulations;
using Lem.Markets.Assets;
using Lem.Markets.Pool;
using Lem.Testing;

namespace Lem.Markets.Tests;

/// <summary>
/// Storage at the horizon's end (docs/mechanisms/pool.md#storage-at-the-horizons-end): the cyclic option and the
/// terminal value of stored energy, on the hand-calculated examples of docs/mechanisms/pool.md#worked-examples-storage-and-an-ev.
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
        // 0.9·60 = 54 < 70 per MWh stored, so it keeps its 5 MWh, worth 70·5 = 350 EUR.
        var r = Clear(Free with { TerminalValue = Price.FromEurPerMwh(70) }, TestScenarios.Market([80, 80, 80, 80], [40, 40, 40, 60]), 4);

        Approx.Equal(350, (double)r.WelfareEur, 1e-6, what: "welfare");
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
        // v = 30 < 0.9·60 = 54: the 5 MWh are sold in slot 3 at 4.5 MW, 4.5·60 = 270 EUR, and the battery ends empty.
        var r = Clear(Free with { TerminalValue = Price.FromEurPerMwh(30) }, TestScenarios.Market([80, 80, 80, 80], [40, 40, 40, 60]), 4);

        Approx.Equal(270, (double)r.WelfareEur, 1e-6, what: "welfare");
        var d = Assert.IsType<BatteryDispatch>(Assert.Single(r.Assets));
        double[] discharge = [0, 0, 0, 4_500];
        for (var t = 0; t < 4; t++)
        {
            Approx.Equal(discharge[t], d.DischargeKw[t], 1e-6, what: $"discharge {t}");
            Approx.Equal(0, d.ChargeKw[t], 1e-6, what: $"charge {t}");
        }

        Approx.Equal(0, d.SocKwh[3], 1e-6, what: "end SoC");
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
