using System.Globalization;
using System.Text.Json;
using Lem.Testing.Toy;
using Lem.Domain.Assets;
using Lem.Scenarios;
using Lem.Testing;
using Lem.Markets.Assets;

namespace Lem.Cli.Tests;

/// <summary>A mechanism registered from the test assembly runs through <c>lem run</c> without any change to Lem's code.</summary>
public sealed class ToyMechanismRunTests
{
    [Fact]
    public void LemRun_RegisteredToyMechanism_ClearsAndWritesItsResult()
    {
        _ = SelfSupplyMechanism.Instance;
        var path = RepoPaths.InRepo("examples", "tiny", "scenario.json");
        var outDir = Path.Combine(Path.GetTempPath(), "lem-toy-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (exit, output, err) = CliRunner.Run("run", path, "--mechanism", SelfSupplyMechanism.RegisteredName, "--format", "json", "--settle", "--out", outDir);
            Assert.True(exit == 0, err);
            var r = JsonDocument.Parse(output).RootElement;
            Assert.Equal(SelfSupplyMechanism.RegisteredName, r.GetProperty("mechanism").GetString());
            Assert.Equal("optimal", r.GetProperty("status").GetString());

            // The community's net import, computed here from the scenario's own series.
            var s = ScenarioReader.Load(path).Scenario!;
            var import = 0.0;
            var export = 0.0;
            for (var t = 0; t < s.Horizon.Count; t++)
            {
                var net = s.Participants.Sum(p => p.Assets.OfType<RenewableGenerator>().Sum(g => g.AvailableKw[t]) - p.Assets.OfType<InflexibleLoad>().Sum(l => l.DemandKw[t]));
                import += Math.Max(-net, 0) * s.Horizon.SlotHours / 1000;
                export += Math.Max(net, 0) * s.Horizon.SlotHours / 1000;
            }

            Assert.Equal(import, r.GetProperty("import_mwh").GetDouble(), 9);
            Assert.Equal(export, r.GetProperty("export_mwh").GetDouble(), 9);
            Assert.All(r.GetProperty("prices").EnumerateArray(), p => Assert.Equal(SelfSupplyMechanism.PriceEurPerMwh, p.GetProperty("max_eur_per_mwh").GetDouble()));

            // The AC check ran on the toy's schedule (the tiny scenario has a grid), and the tariff engine settled it.
            Assert.Equal(JsonValueKind.Object, r.GetProperty("ac_check").ValueKind);
            Assert.True(r.GetProperty("settlement").GetProperty("budget_balanced").GetBoolean());
            var prices = File.ReadAllLines(Path.Combine(outDir, "prices.csv"));
            Assert.Equal(s.Horizon.Count + 1, prices.Length);
            Assert.All(prices.Skip(1), line => Assert.EndsWith("," + SelfSupplyMechanism.PriceEurPerMwh.ToString(CultureInfo.InvariantCulture), line, StringComparison.Ordinal));
            Assert.True(Directory.Exists(Path.Combine(outDir, "invoices")));
        }
        finally
        {
            if (Directory.Exists(outDir))
            {
                Directory.Delete(outDir, recursive: true);
            }
        }
    }
}
