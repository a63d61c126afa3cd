using Lem.Domain.Assets;
using Lem.Domain.Participants;
using Lem.Pipeline;
using Lem.Testing;
using Lem.Markets.Assets;

namespace Lem.Scenarios.Tests;

public sealed class ExampleScenarioTests
{
    [Fact]
    public void Tiny_IsValid_WithFourParticipantsThreeBusesFourSlots()
    {
        var result = ScenarioReader.Load(RepoPaths.InRepo("examples", "tiny", "scenario.json"));

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var s = result.Scenario!;
        Assert.Equal(4, s.Participants.Count);
        Assert.Equal(3, s.Grid!.Buses.Count);
        Assert.Equal(4, s.Horizon.Count);
        Assert.Equal(60, s.Horizon.SlotLength.Minutes);
        // 10:00 local in Berlin summer time is 08:00 UTC.
        Assert.Equal(NodaTime.Instant.FromUtc(2026, 6, 21, 8, 0), s.Horizon.Start);
    }

    [Fact]
    public void Tiny_ValuesAreReadAsWritten()
    {
        var s = ScenarioReader.Load(RepoPaths.InRepo("examples", "tiny", "scenario.json")).Scenario!;
        var clara = s.Participants.Single(p => p.Id.Value == "clara");
        var battery = clara.AssetsOf<Battery>().Single();
        Assert.Equal(10, battery.Capacity.Kwh);
        Assert.Equal(0.95, battery.ChargeEfficiency);
        Assert.Equal(4, battery.TerminalSocMin.Kwh);
        var anna = s.Participants.Single(p => p.Id.Value == "anna");
        var order = Assert.Single(anna.Orders);
        Assert.Equal(2, order.SlotIndex); // "2026-06-21T12:00" is the third hourly slot from 10:00
        Assert.Equal([150m, 90m], order.Steps.Select(x => x.PriceEurPerMwh));
        Assert.Equal(0.32, s.OutsideMarket.RetailEurPerKwh[3]);
        Assert.Equal(80.1, s.OutsideMarket.WholesaleImportEurPerMwh[3]);
    }

    [Fact]
    public void Tiny_InlineLine_IsConvertedToPerUnit()
    {
        var s = ScenarioReader.Load(RepoPaths.InRepo("examples", "tiny", "scenario.json")).Scenario!;
        var line = s.Grid!.Lines.Single(l => l.Id == "L01");
        var zBase = 0.4 * 0.4 / 1.0;
        Approx.Equal(0.206 * 0.15 / zBase, line.RPu, 1e-12);
        Approx.Equal(0.08 * 0.15 / zBase, line.XPu, 1e-12);
        Approx.Equal(2 * Math.PI * 50 * 261e-9 * 0.15 * zBase, line.BPu, 1e-15);
        Approx.Equal(Math.Sqrt(3) * 0.27 * 0.4, line.RatingMva!.Value, 1e-12);
    }

    [Fact]
    public void Village_IsValid_AndHasTheDescribedPopulation()
    {
        var result = ScenarioReader.Load(RepoPaths.InRepo("examples", "village", "scenario.json"));

        Assert.True(result.IsValid, string.Join("\n", result.Errors.Take(10)));
        var s = result.Scenario!;
        Assert.Equal(96, s.Horizon.Count);
        var households = s.Participants.Where(p => p.Role is ParticipantRole.Consumer or ParticipantRole.Prosumer).ToList();
        Assert.Equal(57, households.Count); // one per load bus of the Dorfnetz
        Assert.Equal(57, households.Select(h => h.Bus).Distinct().Count());
        var pv = households.Count(h => h.AssetsOf<RenewableGenerator>().Any());
        Assert.InRange(pv, 17, 21); // about a third of the roofs
        Assert.InRange(households.Count(h => h.AssetsOf<Battery>().Any()), 8, 12);
        Assert.InRange(households.Count(h => h.AssetsOf<ElectricVehicle>().Any()), 6, 10);
        Assert.InRange(households.Count(h => h.AssetsOf<HeatPump>().Any()), 3, 6);
        Assert.Contains(s.Participants, p => p.Role == ParticipantRole.MarketOperator);
    }

    [Fact]
    public void Village_ProfilesArePlausible()
    {
        var s = ScenarioReader.Load(RepoPaths.InRepo("examples", "village", "scenario.json")).Scenario!;
        var h = s.Horizon.SlotHours;
        foreach (var load in s.Participants.SelectMany(p => p.AssetsOf<InflexibleLoad>()))
        {
            var daily = load.DemandKw.IntegrateKwh(h);
            Assert.InRange(daily, 4, 16); // a household's summer day
        }

        foreach (var pv in s.Participants.SelectMany(p => p.AssetsOf<RenewableGenerator>()))
        {
            // No output at night (slot 8 = 02:00 local), most around solar noon (~13:20 local summer time).
            Assert.Equal(0, pv.AvailableKw[8]);
            var peakSlot = pv.AvailableKw.Values.ToList().IndexOf(pv.AvailableKw.Max());
            Assert.InRange(peakSlot, 44, 62);
            Assert.True(pv.AvailableKw.Max() <= pv.Capacity.Kw);
            Assert.InRange(pv.AvailableKw.IntegrateKwh(h) / pv.Capacity.Kw, 3.5, 8.0); // full-load hours in June
        }

        var prices = s.OutsideMarket.WholesaleImportEurPerMwh;
        Assert.True(prices[80] > prices[52], "evening price above the solar-noon price");
    }

    [Fact]
    public void Village_RegeneratesToTheSameFiles()
    {
        var dir = Directory.CreateTempSubdirectory("lem-village-").FullName;
        try
        {
            var committed = RepoPaths.InRepo("examples", "village");
            File.Copy(Path.Combine(committed, Examples.VillageExample.GridFileName), Path.Combine(dir, Examples.VillageExample.GridFileName));
            var written = Examples.VillageExample.Write(dir);

            Assert.Equal(3, written.Count);
            foreach (var file in written)
            {
                var name = Path.GetFileName(file);
                Assert.True(File.ReadAllText(Path.Combine(committed, name)) == File.ReadAllText(file), $"{name} differs from the committed copy; run 'lem example village --out examples/village'.");
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [SharedFact]
    public void Village_GridCopy_IsIdenticalToTheSharedReference()
    {
        var copy = File.ReadAllBytes(RepoPaths.InRepo("examples", "village", Examples.VillageExample.GridFileName));
        var original = File.ReadAllBytes(RepoPaths.Grid("pandapower", "kerber_dorfnetz.json"));
        Assert.Equal(original, copy);
    }
}
