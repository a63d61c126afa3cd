using System.Text.Json;
using Lem.Markets.Assets;
using Lem.Scenarios;
using Lem.Simulation.Days;
using Lem.Testing;

namespace Lem.Simulation.Tests.Days;

/// <summary>Slicing a multi-day scenario into market days, and the day-source registry.</summary>
public sealed class ScenarioDaySourceTests
{
    [Fact]
    public void EachDayIsTheScenariosSliceOfIt()
    {
        var source = VillageWeek.Source;
        Assert.Equal(7, source.DayCount);
        var scenario = source.Scenario;
        var longLoad = scenario.Participants.SelectMany(p => p.Assets).OfType<InflexibleLoad>().First();
        var longPrices = scenario.OutsideMarket.WholesaleImportEurPerMwh;
        for (var d = 0; d < 7; d++)
        {
            var day = source.ActualDay(d);
            Assert.Equal(96, day.Horizon.Count);
            Assert.Equal(scenario.Horizon.Slots[d * 96].Start, day.Horizon.Start);
            var load = day.Participants.SelectMany(p => p.Assets).OfType<InflexibleLoad>().Single(a => a.Id == longLoad.Id);
            for (var t = 0; t < 96; t++)
            {
                Assert.Equal(longLoad.DemandKw[(d * 96) + t], load.DemandKw[t]);
                Assert.Equal(longPrices[(d * 96) + t], day.OutsideMarket.WholesaleImportEurPerMwh[t]);
            }
        }
    }

    [Fact]
    public void AnEvSessionOverMidnightIsCutIntoTwoDays()
    {
        var source = VillageWeek.Source;
        ElectricVehicle? Ev(int day) => source.ActualDay(day).Participants.SelectMany(p => p.Assets).OfType<ElectricVehicle>().SingleOrDefault(e => e.Id.Value == "h03-ev-d0");
        var first = Ev(0)!;
        var second = Ev(1)!;
        Assert.Equal(source.Days[0].Start + NodaTime.Duration.FromHours(18), first.Arrival);
        Assert.Equal(source.Days[1].Start, second.Arrival);
        Assert.Equal(first.Departure, second.Departure);
        Assert.Null(Ev(2));
    }

    [Fact]
    public void AHorizonThatIsNotWholeDaysIsRefused()
    {
        var load = ScenarioReader.Load(Path.Combine(RepoPaths.Root, "examples", "tiny", "scenario.json"));
        Assert.True(load.IsValid);
        var source = ScenarioDaySource.Create(load.Scenario!, out var errors);
        Assert.Null(source);
        var e = Assert.Single(errors);
        Assert.Equal("$.horizon", e.Path);
        Assert.Equal("horizon.not_whole_days", e.Code);
    }

    [Fact]
    public void DaySourcesOpenAScenarioAndAskARegisteredReaderFirst()
    {
        var opened = DaySources.Open(Path.Combine(RepoPaths.Root, "examples", "village-week", "scenario.json"));
        Assert.True(opened.IsValid);
        Assert.Equal(7, opened.Source!.DayCount);

        DaySources.Register(new MarkerReader());
        var file = Path.Combine(Path.GetTempPath(), $"lem-synthetic-{Environment.ProcessId}.json");
        File.WriteAllText(file, "{\"synthetic\": {\"households\": 3}}");
        try
        {
            var synthetic = DaySources.Open(file);
            Assert.False(synthetic.IsValid);
            Assert.Equal("test.marker", Assert.Single(synthetic.Errors).Code);
        }
        finally
        {
            File.Delete(file);
        }

        var missing = DaySources.Open(Path.Combine(Path.GetTempPath(), "no-such-lem-file.json"));
        Assert.Equal("file.missing", Assert.Single(missing.Errors).Code);
    }
}
