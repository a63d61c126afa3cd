using Lem.Domain.Units;
using Lem.Grid.Formulations;
using Lem.Markets.Assets;
using Lem.Markets.Pool;
using Lem.Pipeline;
using Lem.Scenarios;
using Lem.Testing;
using Xunit.Abstractions;

namespace Lem.Markets.Tests;

/// <summary>
/// The village's end-of-day import peak (issue 15, item 5). The shipped village values the energy its batteries and
/// its plugged-in EVs hold at midnight (docs/mechanisms/pool.md#storage-at-the-horizons-end), so none of them refills
/// before midnight; the same village with required end states of charge (batteries back at their initial SoC, EVs
/// holding their requirement at midnight) refills between 23:00 and 24:00, far above the day's peak demand.
/// </summary>
public sealed class VillageEndOfDayPeakTests(ITestOutputHelper output)
{
    private const int LastHourStart = 92; // 23:00 of the 96 quarter-hours

    private static readonly Lazy<(Scenario Scenario, PoolResult Result)> Valued = new(() => Clear(Load()));

    private static readonly Lazy<(Scenario Scenario, PoolResult Result)> Required = new(() => Clear(WithRequiredEndSoc(Load())));

    [Fact]
    public void Clear_Village_NoStorageChargesInTheLastHourAndItsImportStaysBelowThePeakDemand()
    {
        var (scenario, r) = Valued.Value;
        var assets = scenario.Participants.SelectMany(p => p.Assets).ToList();
        Assert.Equal(11, assets.OfType<Battery>().Count(b => b.TerminalValue.EurPerMwh > 0));
        Assert.Equal(8, assets.OfType<ElectricVehicle>().Count(ev => ev.TerminalValue is not null));

        var peakDemandKw = ScenarioSummary.Of(scenario).PeakDemandKw;
        var (importKw, evKw, batteryKw) = LastHour(scenario, r);
        output.WriteLine($"terminal values: peak demand {peakDemandKw:0.0} kW; last hour: import {Show(importKw)} kW, EV charging {Show(evKw)} kW, battery charging {Show(batteryKw)} kW");

        Assert.All(batteryKw, kw => Assert.InRange(kw, 0, 1e-6));
        Assert.All(evKw, kw => Assert.InRange(kw, 0, 1e-6));
        Assert.All(importKw, kw => Assert.True(kw <= peakDemandKw, $"{kw:0.0} kW import in the last hour above the peak demand of {peakDemandKw:0.0} kW"));
    }

    [Fact]
    public void Clear_VillageWithRequiredEndSoc_RefillsBeforeMidnightAbovePeakDemand()
    {
        var (scenario, r) = Required.Value;
        var peakDemandKw = ScenarioSummary.Of(scenario).PeakDemandKw;
        var (importKw, evKw, batteryKw) = LastHour(scenario, r);
        output.WriteLine($"required end SoC: peak demand {peakDemandKw:0.0} kW; last hour: import {Show(importKw)} kW, EV charging {Show(evKw)} kW, battery charging {Show(batteryKw)} kW");

        Assert.True(batteryKw.Max() > 10, "the batteries refill in the last hour");
        Assert.True(evKw.Max() > 10, "the EVs charge in the last hour");
        Assert.True(importKw.Max() > 2 * peakDemandKw, $"the last hour's import peaks at {importKw.Max():0.0} kW, not above twice the peak demand of {peakDemandKw:0.0} kW");
    }

    [Fact]
    public void Clear_Village_PeakImportDoesNotRiseAndWelfareIsAtLeastTheRequiredEndSocs()
    {
        // The required-end-SoC schedule is feasible with the terminal values and scores the same welfare there (every
        // battery ends at its initial SoC, every EV holds its requirement: the value terms are zero), so the valued
        // optimum is at least as good.
        var (scenario, valued) = Valued.Value;
        var (_, required) = Required.Value;
        var h = scenario.Horizon.SlotHours;
        var valuedPeakKw = valued.Slots.Max(s => s.ImportMwh) * 1000 / h;
        var requiredPeakKw = required.Slots.Max(s => s.ImportMwh) * 1000 / h;
        var requiredPeakBeforeLastHourKw = required.Slots.Take(LastHourStart).Max(s => s.ImportMwh) * 1000 / h;
        output.WriteLine($"peak import: terminal values {valuedPeakKw:0.0} kW, required end SoC {requiredPeakKw:0.0} kW ({requiredPeakBeforeLastHourKw:0.0} kW before 23:00); welfare {valued.WelfareEur} vs {required.WelfareEur} EUR");

        Assert.True(valuedPeakKw <= requiredPeakBeforeLastHourKw + 1e-6, $"the peak import rises to {valuedPeakKw:0.0} kW above the {requiredPeakBeforeLastHourKw:0.0} kW the required end SoC imports before 23:00");
        Assert.True(valued.WelfareEur >= required.WelfareEur - 0.000001m, $"welfare {valued.WelfareEur} EUR below the required end SoC's {required.WelfareEur} EUR");
    }

    private static Scenario Load()
    {
        var result = ScenarioReader.Load(RepoPaths.InRepo("examples", "village", "scenario.json"));
        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        return result.Scenario!;
    }

    private static (Scenario, PoolResult) Clear(Scenario scenario)
    {
        var r = PoolClearing.Clear(scenario, new CopperPlateFormulation());
        Assert.Equal(PoolStatus.Optimal, r.Status);
        return (scenario, r);
    }

    /// <summary>The village with every battery required to end at its initial SoC and every EV to hold its requirement at midnight.</summary>
    private static Scenario WithRequiredEndSoc(Scenario s) => s with
    {
        Participants = [.. s.Participants.Select(p => p with
        {
            Assets = [.. p.Assets.Select(a => a switch
            {
                Battery b => b with { TerminalSocMin = b.InitialSoc, TerminalValue = Price.FromEurPerMwh(0) },
                ElectricVehicle ev => ev with { TerminalValue = null },
                _ => a,
            })],
        })],
    };

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
