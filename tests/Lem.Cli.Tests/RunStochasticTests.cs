using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lem.Testing;

namespace Lem.Cli.Tests;

/// <summary><c>lem run --mechanism stochastic-pool</c> with its options (docs/mechanisms/stochastic-pool.md#command-line).</summary>
public sealed class RunStochasticTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lem-stochastic-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>The tiny example without its battery and EV (assets the stochastic pool cannot represent).</summary>
    private string TinyWithoutStorage()
    {
        var root = JsonNode.Parse(File.ReadAllText(RepoPaths.InRepo("examples", "tiny", "scenario.json")))!.AsObject();
        root.Remove("$schema");
        foreach (var p in root["participants"]!.AsArray())
        {
            var assets = p!["assets"]!.AsArray();
            foreach (var a in assets.Where(a => a!["type"]!.GetValue<string>() is "battery" or "ev").ToList())
            {
                assets.Remove(a);
            }
        }

        var path = Path.Combine(_dir, "scenario.json");
        File.WriteAllText(path, root.ToJsonString());
        return path;
    }

    [Fact]
    public void Run_WritesTheScenarios_AndASummaryConsistentWithThem()
    {
        var outDir = Path.Combine(_dir, "out");
        var (exit, output, err) = CliRunner.Run("run", TinyWithoutStorage(), "--mechanism", "stochastic-pool", "--alpha", "0.8", "--beta", "0.5", "--scenarios", "4", "--samples", "40", "--forecast-error", "0.2", "--seed", "3", "--no-ac-check", "--format", "json", "--out", outDir);

        Assert.True(exit == 0, output + err);
        var s = JsonDocument.Parse(output).RootElement.GetProperty("stochastic");
        Assert.Equal(0.8, s.GetProperty("alpha").GetDouble());
        Assert.Equal(0.5, s.GetProperty("beta").GetDouble());
        Assert.Equal(4, s.GetProperty("scenarios").GetInt32());
        Assert.Equal(40, s.GetProperty("samples").GetInt32());
        Assert.Equal(0.2, s.GetProperty("forecast_error").GetDouble());
        Assert.Equal(3UL, s.GetProperty("seed").GetUInt64());

        // stochastic.csv: one row per scenario and slot; E and CVaR recomputed from its probabilities and costs.
        var rows = File.ReadAllLines(Path.Combine(outDir, "stochastic.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(4 * 4, rows.Count);
        var perScenario = rows.Where(r => r[4] == "0").Select(r => (P: double.Parse(r[2], CultureInfo.InvariantCulture), C: double.Parse(r[3], CultureInfo.InvariantCulture))).ToList();
        Approx.Equal(1, perScenario.Sum(x => x.P), 1e-5, what: "probabilities");
        var expected = perScenario.Sum(x => x.P * x.C);
        Approx.Equal(expected, s.GetProperty("expected_cost_eur").GetDouble(), 1e-4, what: "E from the file");
        var cvar = perScenario.Min(eta => eta.C + (perScenario.Sum(x => x.P * Math.Max(0, x.C - eta.C)) / (1 - 0.8)));
        Approx.Equal(cvar, s.GetProperty("cvar_eur").GetDouble(), 1e-4, what: "CVaR from the file");
        Approx.Equal((0.5 * expected) + (0.5 * cvar), s.GetProperty("objective_eur").GetDouble(), 1e-4, what: "objective");
        Approx.Equal(s.GetProperty("eev_eur").GetDouble() - s.GetProperty("objective_eur").GetDouble(), s.GetProperty("vss_eur").GetDouble(), 1e-9, what: "VSS");
        Approx.Equal(s.GetProperty("objective_eur").GetDouble() - s.GetProperty("wait_and_see_eur").GetDouble(), s.GetProperty("evpi_eur").GetDouble(), 1e-9, what: "EVPI");
    }

    [Fact]
    public void Run_SameSeed_SameScenarioFile()
    {
        var path = TinyWithoutStorage();
        string Csv(string name)
        {
            var outDir = Path.Combine(_dir, name);
            var (exit, output, err) = CliRunner.Run("run", path, "--mechanism", "stochastic-pool", "--scenarios", "3", "--samples", "30", "--seed", "17", "--no-ac-check", "--out", outDir);
            Assert.True(exit == 0, output + err);
            return File.ReadAllText(Path.Combine(outDir, "stochastic.csv"));
        }

        Assert.Equal(Csv("a"), Csv("b"));
    }

    [Fact]
    public void Run_BadOptions_ExitTwo_ReportingEveryProblem()
    {
        var (exit, output, err) = CliRunner.Run("run", TinyWithoutStorage(), "--mechanism", "stochastic-pool", "--alpha", "1", "--beta", "1.5", "--scenarios", "0", "--forecast-error", "-0.1", "--seed", "x");

        Assert.Equal(2, exit);
        foreach (var option in new[] { "--alpha", "--beta", "--scenarios", "--forecast-error", "--seed" })
        {
            Assert.Contains(option + ":", err, StringComparison.Ordinal);
        }

        CliRunner.AssertNoStackTrace(output + err);
    }

    [Fact]
    public void Run_SamplesBelowScenarios_ExitsTwo()
    {
        var (exit, _, err) = CliRunner.Run("run", TinyWithoutStorage(), "--mechanism", "stochastic-pool", "--scenarios", "20", "--samples", "10");

        Assert.Equal(2, exit);
        Assert.Contains("--samples: samples (10) must be at least scenarios (20)", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_StochasticOptionsWithAnotherMechanism_ExitTwo()
    {
        var (exit, _, err) = CliRunner.Run("run", TinyWithoutStorage(), "--mechanism", "pool", "--beta", "0.5");

        Assert.Equal(2, exit);
        Assert.Contains("--beta applies to --mechanism stochastic-pool only, not pool", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_ScenarioWithStorage_ExitsOne_NamingTheAssetsAndThePool()
    {
        var (exit, output, err) = CliRunner.Run("run", RepoPaths.InRepo("examples", "tiny", "scenario.json"), "--mechanism", "stochastic-pool");

        Assert.Equal(1, exit);
        Assert.Contains("'clara-bat' (battery)", output + err, StringComparison.Ordinal);
        Assert.Contains("'dora-ev' (ev)", output + err, StringComparison.Ordinal);
        Assert.Contains("--mechanism pool", output + err, StringComparison.Ordinal);
        CliRunner.AssertNoStackTrace(output + err);
    }
}
