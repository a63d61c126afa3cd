using Lem.Domain.Units;
using Lem.Grid.Formulations;
using Lem.Markets.Assets;
using Lem.Markets.Pool;
using Lem.Scenarios;
using Lem.Testing;
using Xunit.Abstractions;

namespace Lem.Markets.Tests;

/// <summary>MEASURE (temporary).</summary>
public sealed class VillageEndOfDayPeakTests(ITestOutputHelper output)
{
    [Fact]
    public void Measure()
    {
        var result = ScenarioReader.Load(RepoPaths.InRepo("examples", "village", "scenario.json"));
        var scenario = result.Scenario!;
        output.WriteLine($"peak demand {ScenarioSummary.Of(scenario).PeakDemandKw}");
        foreach (var mode in new[] { "fixed", "cyclic", "v60", "v80", "v90", "v100", "v110" })
        {
            Func<Battery, Battery> f = mode switch
            {
                "fixed" => b => b,
                "cyclic" => b => b with { Cyclic = true, TerminalSocMin = b.InitialSoc },
                _ => b => b with { TerminalSocMin = b.SocMin, TerminalValue = Price.FromEurPerMwh(double.Parse(mode[1..], System.Globalization.CultureInfo.InvariantCulture)) },
            };
            var s = scenario with { Participants = [.. scenario.Participants.Select(p => p with { Assets = [.. p.Assets.Select(a => a is Battery b ? f(b) : a)] })] };
            var r = PoolClearing.Clear(s, new CopperPlateFormulation());
            var imp = r.Slots.Select(x => x.ImportMwh * 1000 / s.Horizon.SlotHours).ToArray();
            var lastHour = imp.Skip(92).Max();
            var batCh = r.Assets.OfType<BatteryDispatch>().Select(d => d.ChargeKw.Skip(92).Max()).Sum();
            var evCh = r.Assets.OfType<EvDispatch>().Select(d => d.ChargeKw.Skip(92).Max()).Sum();
            output.WriteLine($"{mode}: status {r.Status} welfare {r.WelfareEur:0.00} max import {imp.Max():0.0} (slot {Array.IndexOf(imp, imp.Max())}) last hour {lastHour:0.0}; last-hour battery charge sum-of-max {batCh:0.0} EV {evCh:0.0}; import by slot 88..95: {string.Join(" ", imp.Skip(88).Select(v => v.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)))}");
        }
    }
}
