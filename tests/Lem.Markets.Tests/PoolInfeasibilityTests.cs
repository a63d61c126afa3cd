using Lem.Domain.Participants;
using Lem.Grid.Formulations;
using Lem.Markets.Pool;
using Lem.Pipeline;
using Lem.Scenarios;
using Lem.Testing;
using Lem.Markets.Assets;

namespace Lem.Markets.Tests;

/// <summary>Clearings that cannot succeed say why, naming the participant and asset.</summary>
public sealed class PoolInfeasibilityTests
{
    [Fact]
    public void Clear_EvNeedsMoreThanItsChargerDelivers_InfeasibleNamingTheEv()
    {
        // 20 kWh more in one hour at 3.7 kW.
        var ev = TestScenarios.Ev("dora-ev", arrivalSlot: 1, departureSlot: 2, arrivalKwh: 10, requiredKwh: 30, maxChargeKw: 3.7);
        var scenario = TestScenarios.Scenario("ev-short", TestScenarios.Hourly(4), TestScenarios.Market([80, 80, 80, 80]), TestScenarios.Participant("dora", ParticipantRole.Consumer, [ev]));

        var r = PoolClearing.Clear(scenario, new CopperPlateFormulation());

        Assert.Equal(PoolStatus.Infeasible, r.Status);
        Assert.Contains("EV 'dora-ev' of participant 'dora'", r.Message);
        Assert.Contains("3.515 kWh", r.Message); // the most it can receive: 0.95 × 3.7 kW × 1 h
        Assert.Empty(r.Assets);
    }

    [Fact]
    public void Clear_EvBlockedByImportLimit_ElasticDiagnosisNamesTheEv()
    {
        // The EV alone could take 10 kWh in 4 h at 11 kW, but only 1 kW can be imported and nothing is produced locally.
        var ev = TestScenarios.Ev("ev-1", arrivalSlot: 0, departureSlot: 4, arrivalKwh: 10, requiredKwh: 20, maxChargeKw: 11);
        var scenario = TestScenarios.Scenario("ev-import", TestScenarios.Hourly(4), TestScenarios.Market([80, 80, 80, 80], importLimitKw: 1), TestScenarios.Participant("erik", ParticipantRole.Consumer, [ev]));

        var r = PoolClearing.Clear(scenario, new CopperPlateFormulation());

        Assert.Equal(PoolStatus.Infeasible, r.Status);
        Assert.Contains("EV 'ev-1' of participant 'erik'", r.Message);
        Assert.Contains("short by 6.2 kWh", r.Message); // 10 − 0.95 × 1 kW × 4 h
        Assert.True(r.Statistics.Solves >= 2, "the clearing and the elastic re-solve");
    }

    [Fact]
    public void Clear_InflexibleDemandAboveImportLimit_InfeasibleNamingSlotAndLoad()
    {
        var scenario = TestScenarios.Scenario(
            "import-short",
            TestScenarios.Hourly(3),
            TestScenarios.Market([80, 80, 80], importLimitKw: 2),
            TestScenarios.Participant("anna", ParticipantRole.Consumer, [TestScenarios.Load("anna-load", 1, 5, 1)]));

        var r = PoolClearing.Clear(scenario, new CopperPlateFormulation());

        Assert.Equal(PoolStatus.Infeasible, r.Status);
        Assert.Contains("import limit of 2 kW", r.Message);
        Assert.Contains("slot 1 (2026-06-21T01:00", r.Message);
        Assert.Contains("'anna-load' of 'anna' 5 kW", r.Message);
    }

    [Fact]
    public void Clear_BatteryTerminalUnreachable_InfeasibleNamingTheBattery()
    {
        var battery = TestScenarios.Battery("bat-1", capacityKwh: 10, powerKw: 1, efficiency: 0.9, initialKwh: 1, terminalKwh: 9);
        var scenario = TestScenarios.Scenario("bat", TestScenarios.Hourly(4), TestScenarios.Market([80, 80, 80, 80]), TestScenarios.Participant("olga", ParticipantRole.StorageOwner, [battery]));

        var r = PoolClearing.Clear(scenario, new CopperPlateFormulation());

        Assert.Equal(PoolStatus.Infeasible, r.Status);
        Assert.Contains("battery 'bat-1' of participant 'olga'", r.Message);
    }

    [Fact]
    public void Clear_ExportPriceAboveImportPriceWithoutLimits_Unbounded()
    {
        var scenario = TestScenarios.Scenario(
            "arbitrage",
            TestScenarios.Hourly(2),
            TestScenarios.Market([50, 50], [50, 70]),
            TestScenarios.Participant("anna", ParticipantRole.Consumer, [TestScenarios.Load("anna-load", 1, 1)]));

        var r = PoolClearing.Clear(scenario, new CopperPlateFormulation());

        Assert.Equal(PoolStatus.Unbounded, r.Status);
        Assert.Contains("slot 1", r.Message);
        Assert.Contains("export price 70", r.Message);
    }

    [Fact]
    public void Clear_ParticipantWithoutBusOnAGridHasAssets_Error()
    {
        var tiny = ScenarioReader.Load(RepoPaths.InRepo("examples", "tiny", "scenario.json")).Scenario!;
        var anna = tiny.Participants[0] with { Bus = null, Role = ParticipantRole.Aggregator };
        var scenario = tiny with { Participants = [anna, .. tiny.Participants.Skip(1)] };

        var r = PoolClearing.Clear(scenario, new CopperPlateFormulation());

        Assert.Equal(PoolStatus.Error, r.Status);
        Assert.Contains("Participant 'anna' (aggregator) has no bus", r.Message);
    }

    [Fact]
    public void Clear_BadPowerFactor_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PoolClearing.Clear(TestScenarios.Section1(), new CopperPlateFormulation(), new PoolOptions { LoadPowerFactor = 0 }));
    }
}
