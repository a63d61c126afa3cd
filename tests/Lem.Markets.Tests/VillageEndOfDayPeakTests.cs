using Lem.Pipeline;
using Lem.Domain.Units;
using Lem.Grid.Formulations;
using Lem.Markets.Assets;
using Lem.Markets.Pool;
using Lem.Scenarios;
using Lem.Testing;
using Xunit.Abstractions;

namespace Lem.Markets.Tests;

/// <summary>
/// The village's end-of-day import peak (issue 15, item 5): with the shipped required end state of charge every battery
/// refills between 23:00 and 24:00; with a terminal value of stored energy (docs/mechanisms/pool.md#storage-at-the-horizons-end)
/// none does.
/// </summary>
public sealed class VillageEndOfDayPeakTests(ITestOutputHelper output)
{
    private const int LastHourStart = 92; // 23:00 of the 96 quarter-hours

    /// <summary>About the village's night import price, EUR/MWh: any value from 60 to 100 gives the same dispatch.</summary>
    private const double TerminalValueEurPerMwh = 85;

    private static readonly Lazy<Scenario> Village = new(() =>
    {
        var result = ScenarioReader.Load(RepoPaths.InRepo("examples", "village", "scenario.json"));
        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        return result.Scenario!;
    });

    [Fact]
    public void Clear_Village_BatteriesKeepTheirEnergyAndDoNotRefillBeforeMidnight()
    {
        var shipped = Village.Value;
        var scenario = shipped with
        {
            Participants = [.. shipped.Participants.Select(p => p with { Assets = [.. p.Assets.Select(a => a is Battery b ? b with { TerminalSocMin = b.SocMin, TerminalValue = Price.FromEurPerMwh(TerminalValueEurPerMwh) } : a)] })],
        };
        var batteries = scenario.Participants.SelectMany(p => p.Assets).OfType<Battery>().ToList();
        Assert.Equal(11, batteries.Count);

        var r = PoolClearing.Clear(scenario, new CopperPlateFormulation());
        var peakDemandKw = ScenarioSummary.Of(scenario).PeakDemandKw;
        var (importKw, evKw, batteryKw) = LastHour(scenario, r);
        output.WriteLine($"terminal value: peak demand {peakDemandKw:0.0} kW; last hour: import {Show(importKw)} kW, of it EV charging {Show(evKw)} kW, battery charging {Show(batteryKw)} kW");

        Assert.Equal(PoolStatus.Optimal, r.Status);
        Assert.All(batteryKw, kw => Assert.InRange(kw, 0, 1e-6));
        for (var i = 0; i < importKw.Length; i++)
        {
            // What the village imports beyond its EVs' charging (which the EV requirements at midnight put in the
            // cheapest evening slot, 23:45) stays below the day's peak demand.
            Assert.True(importKw[i] - evKw[i] <= peakDemandKw, $"slot {LastHourStart + i}: {importKw[i]:0.0} kW import, {evKw[i]:0.0} kW EV charging, peak demand {peakDemandKw:0.0} kW");
        }
    }

    [Fact]
    public void Clear_VillageWithItsRequiredEndSoc_RefillsBeforeMidnightAbovePeakDemand()
    {
        // The shipped village, every battery required to end at least at its initial state of charge: the refill
        // between 23:00 and 24:00 drives the import above the peak demand even without the EVs.
        var old = Village.Value;
        Assert.All(old.Participants.SelectMany(p => p.Assets).OfType<Battery>(), b => Assert.Equal(b.InitialSoc, b.TerminalSocMin));

        var r = PoolClearing.Clear(old, new CopperPlateFormulation());
        var peakDemandKw = ScenarioSummary.Of(old).PeakDemandKw;
        var (importKw, evKw, batteryKw) = LastHour(old, r);
        output.WriteLine($"required end SoC: peak demand {peakDemandKw:0.0} kW; last hour: import {Show(importKw)} kW, of it EV charging {Show(evKw)} kW, battery charging {Show(batteryKw)} kW");

        Assert.Equal(PoolStatus.Optimal, r.Status);
        Assert.True(batteryKw.Max() > 10, "the batteries refill in the last hour");
        Assert.Contains(Enumerable.Range(0, importKw.Length), i => importKw[i] - evKw[i] > peakDemandKw);
    }

    private static (double[] ImportKw, double[] EvKw, double[] BatteryKw) LastHour(Scenario scenario, PoolResult r)
    {
        var h = scenario.Horizon.SlotHours;
        var slots = Enumerable.Range(LastHourStart, r.Slots.Count - LastHourStart).ToList();
        double[] importKw = [.. slots.Select(t => r.Slots[t].ImportMwh * 1000 / h)];
        double[] evKw = [.. slots.Select(t => r.Assets.OfType<EvDispatch>().Sum(d => d.ChargeKw[t]))];
        double[] batteryKw = [.. slots.Select(t => r.Assets.OfType<BatteryDispatch>().Sum(d => d.ChargeKw[t]))];
        return (importKw, evKw, batteryKw);
    }

    private static string Show(double[] kw) => string.Join(" ", kw.Select(v => v.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)));
}
