using System.IO.Compression;
using System.Text;
using Lem.Domain.Validation;
using Lem.Pipeline;
using Lem.Testing;
using Lem.Markets.Assets;

namespace Lem.Scenarios.Tests;

public sealed class ScenarioReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lem-scenario-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Minimal(string horizon, string demand, string extraParticipantFields = "") => $$"""
        {
          "format_version": 1,
          "name": "t",
          "horizon": {{horizon}},
          "outside_market": { "wholesale_import_eur_per_mwh": 90, "retail_eur_per_kwh": 0.3, "feed_in_eur_per_kwh": 0.08 },
          "participants": [ { "id": "a", "role": "consumer"{{extraParticipantFields}}, "assets": [ { "type": "inflexible_load", "id": "a-load", "demand_kw": {{demand}} } ] } ]
        }
        """;

    private ScenarioLoadResult Load(string json, params (string Name, string Content)[] files)
    {
        foreach (var (name, content) in files)
        {
            File.WriteAllText(Path.Combine(_dir, name), content);
        }

        var path = Path.Combine(_dir, "scenario.json");
        File.WriteAllText(path, json);
        return ScenarioReader.Load(path);
    }

    [Fact]
    public void AutumnDstDay_CsvWithOffsets_ReadsAll100QuarterHours()
    {
        var zone = NodaTime.DateTimeZoneProviders.Tzdb["Europe/Berlin"];
        var day = Domain.Time.MarketDay.Parse("2026-10-25", "Europe/Berlin");
        var csv = new StringBuilder("time,load\n");
        foreach (var slot in day.Slots(Domain.Time.SlotLength.QuarterHour))
        {
            csv.Append(slot.StartIn(zone).ToString("uuuu-MM-dd'T'HH:mmo<+HH:mm>", null)).Append(",").Append(slot.Index).Append('\n');
        }

        var r = Load(Minimal("""{ "time_zone": "Europe/Berlin", "market_day": "2026-10-25", "slot_minutes": 15 }""", """{ "csv": "p.csv", "column": "load" }"""), ("p.csv", csv.ToString()));

        Assert.True(r.IsValid, string.Join("\n", r.Errors));
        var demand = r.Scenario!.Participants[0].Assets.OfType<Markets.Assets.InflexibleLoad>().Single().DemandKw;
        Assert.Equal(100, demand.Count);
        Assert.Equal(99, demand[99]);
    }

    [Fact]
    public void AutumnDstDay_CsvWithoutOffsets_ReportsTheAmbiguousRows()
    {
        var csv = new StringBuilder("time,load\n");
        var day = Domain.Time.MarketDay.Parse("2026-10-25", "Europe/Berlin");
        var zone = day.Zone;
        foreach (var slot in day.Slots(Domain.Time.SlotLength.Hour))
        {
            csv.Append(slot.StartIn(zone).LocalDateTime.ToString("uuuu-MM-dd'T'HH:mm", null)).Append(",1\n");
        }

        var r = Load(Minimal("""{ "time_zone": "Europe/Berlin", "market_day": "2026-10-25", "slot_minutes": 60 }""", """{ "csv": "p.csv", "column": "load" }"""), ("p.csv", csv.ToString()));

        Assert.False(r.IsValid);
        // Hours 02:00 (twice) are lines 4 and 5 (header is line 1, 00:00 is line 2).
        Assert.Equal([("p.csv:4", ValidationCodes.TimeAmbiguous), ("p.csv:5", ValidationCodes.TimeAmbiguous)], r.Errors.Select(e => (e.Path, e.Code)));
    }

    [Fact]
    public void CsvWithSlotColumn_AndGzip_IsRead()
    {
        var gz = Path.Combine(_dir, "p.csv.gz");
        using (var f = File.Create(gz))
        using (var z = new GZipStream(f, CompressionLevel.Optimal))
        using (var w = new StreamWriter(z))
        {
            w.Write("slot,load\n0,1.5\n1,2.5\n2,3.5\n3,4.5\n");
        }

        var r = Load(Minimal("""{ "time_zone": "UTC", "start": "2026-01-01T00:00", "end": "2026-01-01T01:00", "slot_minutes": 15 }""", """{ "csv": "p.csv.gz", "column": "load", "scale": 2 }"""));

        Assert.True(r.IsValid, string.Join("\n", r.Errors));
        var demand = r.Scenario!.Participants[0].Assets.OfType<Markets.Assets.InflexibleLoad>().Single().DemandKw;
        Assert.Equal([3.0, 5.0, 7.0, 9.0], demand.Values);
    }

    [Fact]
    public void CsvValueOutOfRange_IsReportedAtFileAndLine()
    {
        var r = Load(
            Minimal("""{ "time_zone": "UTC", "start": "2026-01-01T00:00", "end": "2026-01-01T00:30", "slot_minutes": 15 }""", """{ "csv": "p.csv", "column": "load" }"""),
            ("p.csv", "slot,load\n0,1\n1,-2\n"));

        var e = Assert.Single(r.Errors);
        Assert.Equal(("p.csv:3", ValidationCodes.ValueOutOfRange), (e.Path, e.Code));
        Assert.Contains("-2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownField_SuggestsTheClosestKnownName()
    {
        var r = Load(Minimal("""{ "time_zone": "UTC", "start": "2026-01-01T00:00", "end": "2026-01-01T00:30", "slot_minutes": 15, "slot_minute": 15 }""", "1"));

        var e = Assert.Single(r.Errors);
        Assert.Equal("$.horizon.slot_minute", e.Path);
        Assert.Contains("Did you mean 'slot_minutes'?", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MarketDayWithDays_SpansConsecutiveDays()
    {
        var r = Load(Minimal("""{ "time_zone": "Europe/Berlin", "market_day": "2026-03-28", "days": 2, "slot_minutes": 15 }""", "1"));

        Assert.True(r.IsValid, string.Join("\n", r.Errors));
        Assert.Equal(96 + 92, r.Scenario!.Horizon.Count);
    }

    [Fact]
    public void CommentKeys_AreAllowed()
    {
        var r = Load(Minimal("""{ "//": "a comment", "time_zone": "UTC", "start": "2026-01-01T00:00", "end": "2026-01-01T00:30", "slot_minutes": 15 }""", "1"));
        Assert.True(r.IsValid, string.Join("\n", r.Errors));
    }

    [Fact]
    public void BusWithoutGrid_IsAnUnknownBus()
    {
        var r = Load(Minimal("""{ "time_zone": "UTC", "start": "2026-01-01T00:00", "end": "2026-01-01T00:30", "slot_minutes": 15 }""", "1", ", \"bus\": \"3\""));
        var e = Assert.Single(r.Errors);
        Assert.Equal(("$.participants[0].bus", ValidationCodes.UnknownBus), (e.Path, e.Code));
    }

    [Fact]
    public void NotAnObject_IsATypeError()
    {
        var r = Load("[1, 2, 3]");
        var e = Assert.Single(r.Errors);
        Assert.Equal(("$", ValidationCodes.FieldType), (e.Path, e.Code));
    }

    [Fact]
    public void MissingScenarioFile_IsFileMissing()
    {
        var r = ScenarioReader.Load(Path.Combine(_dir, "nope.json"));
        Assert.Equal(ValidationCodes.FileMissing, Assert.Single(r.Errors).Code);
    }

    [SharedFact]
    public void ScenarioWithMatpowerGrid_ChecksBusReferencesAgainstBusNumbers()
    {
        var grid = RepoPaths.Grid("matpower", "case33bw.m").Replace("\\", "/", StringComparison.Ordinal);
        var json = Minimal("""{ "time_zone": "UTC", "start": "2026-01-01T00:00", "end": "2026-01-01T00:30", "slot_minutes": 15 }""", "1", ", \"bus\": \"18\"")
            .Replace("\"participants\"", $"\"grid\": {{ \"file\": \"{grid}\" }},\n  \"participants\"", StringComparison.Ordinal);
        var ok = Load(json);
        Assert.True(ok.IsValid, string.Join("\n", ok.Errors));
        Assert.Equal(33, ok.Scenario!.Grid!.Buses.Count);

        var bad = Load(json.Replace("\"bus\": \"18\"", "\"bus\": \"34\"", StringComparison.Ordinal));
        Assert.Equal(("$.participants[0].bus", ValidationCodes.UnknownBus), bad.Errors.Select(e => (e.Path, e.Code)).Single());
    }

    [Fact]
    public void Summary_OfTiny_AddsUpTheInputs()
    {
        var s = ScenarioReader.Load(RepoPaths.InRepo("examples", "tiny", "scenario.json")).Scenario!;
        var m = ScenarioSummary.Of(s);

        // Loads: anna 3.7, ben 2.1, clara 3.0, dora 1.6 kWh over four 1-hour slots.
        Approx.Equal(3.7 + 2.1 + 3.0 + 1.6, m.DemandKwh, 1e-9);
        Approx.Equal(1.4 + 0.7 + 0.9 + 0.6, m.PeakDemandKw, 1e-9); // slot 2
        Assert.Equal(2, m.PeakDemandSlot);
        Approx.Equal(10, m.Assets.PvCapacityKw);
        Approx.Equal(18.4 + 12.2, m.Assets.PvAvailableKwh, 1e-9);
        Approx.Equal(10, m.Assets.EvEnergyKwh);
        Assert.Equal(1, m.Bids);
        Assert.Equal(2, m.ParticipantsByRole[Domain.Participants.ParticipantRole.Prosumer]);
    }
}
