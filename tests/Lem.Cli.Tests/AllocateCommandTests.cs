using System.Text.Json;
using System.Text.Json.Nodes;
using Lem.Testing;

namespace Lem.Cli.Tests;

public sealed class AllocateCommandTests : IDisposable
{
    private static readonly string Tiny = RepoPaths.InRepo("examples", "tiny", "scenario.json");
    private readonly string _dir = Directory.CreateTempSubdirectory("lem-allocate-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static JsonElement RunJson(params string[] args)
    {
        var (exit, output, err) = CliRunner.Run([.. args, "--format", "json"]);
        Assert.True(exit == 0, output + err);
        return JsonDocument.Parse(output).RootElement;
    }

    private static double[] Allocations(JsonElement r) =>
        [.. r.GetProperty("allocations").EnumerateArray().Select(a => a.GetProperty("allocation_eur").GetDouble())];

    /// <summary>The tiny example with only its loads and PV (no battery, EV or orders), written next to the original's folder layout.</summary>
    private string TinyLoadsAndPv()
    {
        var root = JsonNode.Parse(File.ReadAllText(Tiny))!.AsObject();
        root["$schema"] = null;
        foreach (var p in root["participants"]!.AsArray())
        {
            var participant = p!.AsObject();
            participant.Remove("orders");
            var assets = participant["assets"]!.AsArray();
            foreach (var a in assets.Where(a => a!["type"]!.GetValue<string>() is not ("inflexible_load" or "pv")).ToList())
            {
                assets.Remove(a);
            }
        }

        root.Remove("$schema");
        var path = Path.Combine(_dir, "tiny-loads-pv.json");
        File.WriteAllText(path, root.ToJsonString());
        return path;
    }

    [Theory]
    [InlineData("shapley")]
    [InlineData("shapley-mc")]
    [InlineData("nash")]
    [InlineData("nucleolus")]
    public void Allocate_Tiny_JsonHasTheFieldsAndIsEfficient(string method)
    {
        var r = RunJson("allocate", Tiny, "--method", method);

        Assert.Equal("tiny", r.GetProperty("scenario").GetString());
        Assert.Equal(method, r.GetProperty("method").GetString());
        Assert.Equal("pool", r.GetProperty("game").GetString()); // the tiny example has a battery, an EV and an order
        Assert.Equal(4, r.GetProperty("players").GetInt32());
        var grand = r.GetProperty("grand_coalition_cost_eur").GetDouble();
        var x = Allocations(r);
        Assert.Equal(4, x.Length);
        Approx.Equal(grand, x.Sum(), 1e-6, what: "Σ allocation_eur vs C(N)");
        Approx.Equal(x.Sum(), r.GetProperty("total").GetDouble(), 1e-9, what: "total");
        foreach (var a in r.GetProperty("allocations").EnumerateArray())
        {
            Approx.Equal(a.GetProperty("standalone_eur").GetDouble() - a.GetProperty("allocation_eur").GetDouble(), a.GetProperty("savings_eur").GetDouble(), 1e-9, what: "savings");
            Assert.Equal(JsonValueKind.Number, a.GetProperty("market_eur").ValueKind);
            Assert.Equal(method == "shapley-mc", a.TryGetProperty("ci95", out _));
        }

        Assert.Equal(["anna", "ben", "clara", "dora"], r.GetProperty("allocations").EnumerateArray().Select(a => a.GetProperty("participant").GetString()));
        Assert.InRange(r.GetProperty("jain").GetDouble(), 0.25, 1.0);
        Assert.Equal(JsonValueKind.Number, r.GetProperty("gini").ValueKind);
        Assert.True(r.TryGetProperty("market_jain", out _));
        Assert.Contains(r.GetProperty("in_core").ValueKind, new[] { JsonValueKind.True, JsonValueKind.False });
        Assert.True(r.GetProperty("coalitions_evaluated").GetInt64() >= 15);
        Assert.Equal(15, r.GetProperty("clearings_solved").GetInt64()); // 2^4 − 1 coalitions, each cleared once
        Assert.True(r.GetProperty("wall_seconds").GetDouble() >= 0);
        if (method == "shapley-mc")
        {
            Assert.Equal(2000, r.GetProperty("samples").GetInt64());
        }

        if (method == "nucleolus")
        {
            Assert.True(r.GetProperty("in_core").GetBoolean(), "the nucleolus is in a non-empty core");
            Assert.True(r.GetProperty("stages").GetArrayLength() >= 1);
        }
    }

    [Fact]
    public void Allocate_MonteCarlo_SameSeedSameResult_CiCoversExact()
    {
        var exact = Allocations(RunJson("allocate", Tiny, "--method", "shapley"));
        var a = RunJson("allocate", Tiny, "--method", "shapley-mc", "--samples", "400", "--seed", "5");
        var b = RunJson("allocate", Tiny, "--method", "shapley-mc", "--samples", "400", "--seed", "5");

        Assert.Equal(Allocations(a), Allocations(b));
        Assert.Equal(400, a.GetProperty("samples").GetInt64());
        var ci = a.GetProperty("allocations").EnumerateArray().Select(x => x.GetProperty("ci95").GetDouble()).ToArray();
        var mc = Allocations(a);
        for (var i = 0; i < 4; i++)
        {
            Assert.True(ci[i] > 0);
            Assert.True(Math.Abs(mc[i] - exact[i]) <= 2.5 * ci[i], $"player {i}: {mc[i]} vs exact {exact[i]} ± {ci[i]}");
        }
    }

    [Fact]
    public void Allocate_ClosedFormAndPoolGames_Agree()
    {
        var path = TinyLoadsAndPv();

        var auto = RunJson("allocate", path, "--method", "shapley");
        var pool = RunJson("allocate", path, "--method", "shapley", "--game", "pool");

        Assert.Equal("closed-form", auto.GetProperty("game").GetString());
        Assert.Equal("pool", pool.GetProperty("game").GetString());
        var x = Allocations(auto);
        var y = Allocations(pool);
        for (var i = 0; i < x.Length; i++)
        {
            Approx.Equal(y[i], x[i], 1e-5, what: $"player {i}");
        }
    }

    [Fact]
    public void Allocate_NashWithCore_IsInCore()
    {
        var r = RunJson("allocate", Tiny, "--method", "nash", "--core");

        Assert.True(r.GetProperty("core_constraints").GetBoolean());
        Assert.True(r.GetProperty("in_core").GetBoolean());
        Approx.Equal(r.GetProperty("grand_coalition_cost_eur").GetDouble(), Allocations(r).Sum(), 1e-6);
    }

    [Fact]
    public void Allocate_Text_PrintsATable()
    {
        var (exit, output, err) = CliRunner.Run("allocate", Tiny, "--method", "nucleolus");

        Assert.True(exit == 0, output + err);
        Assert.Contains("Nucleolus", output, StringComparison.Ordinal);
        Assert.Contains("clara", output, StringComparison.Ordinal);
        Assert.Contains("Stage 1", output, StringComparison.Ordinal);
        Assert.Contains("In the core", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("banzhaf", "--method", "banzhaf")]
    [InlineData("--samples", "--method", "shapley-mc", "--samples", "0")]
    [InlineData("--samples", "--method", "shapley-mc", "--samples", "-3")]
    [InlineData("--samples", "--method", "shapley", "--samples", "100")]
    [InlineData("--target-ci", "--method", "shapley-mc", "--target-ci", "2")]
    [InlineData("--core", "--method", "shapley", "--core")]
    [InlineData("exact", "--game", "exact")]
    public void Allocate_BadOptions_ExitTwo(string named, params string[] options)
    {
        var (exit, output, err) = CliRunner.Run(["allocate", Tiny, .. options]);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains(named, err, StringComparison.Ordinal);
        CliRunner.AssertNoStackTrace(output + err);
    }

    [Fact]
    public void Allocate_UnknownMethod_ListsTheValidOnes()
    {
        var (exit, _, err) = CliRunner.Run("allocate", Tiny, "--method", "banzhaf");

        Assert.Equal(ExitCodes.Usage, exit);
        foreach (var m in new[] { "shapley", "shapley-mc", "nash", "nucleolus" })
        {
            Assert.Contains($"'{m}'", err, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Allocate_TooManyPlayersForExact_ExitTwoSuggestingMonteCarlo()
    {
        var (exit, output, err) = CliRunner.Run("allocate", RepoPaths.InRepo("examples", "village", "scenario.json"), "--method", "shapley");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("shapley-mc", err, StringComparison.Ordinal);
        CliRunner.AssertNoStackTrace(output + err);
    }

    [Fact]
    public void Allocate_ScenarioProblems_ExitOne()
    {
        var missing = CliRunner.Run("allocate", Path.Combine(_dir, "nope.json"), "--format", "json");
        Assert.Equal(ExitCodes.InvalidInput, missing.Exit);
        Assert.False(JsonDocument.Parse(missing.Out).RootElement.GetProperty("valid").GetBoolean());

        var broken = Path.Combine(_dir, "broken.json");
        File.WriteAllText(broken, "{\"format_version\": 1, \"name\": \"x\"}");
        var invalid = CliRunner.Run("allocate", broken);
        Assert.Equal(ExitCodes.InvalidInput, invalid.Exit);
        CliRunner.AssertNoStackTrace(invalid.Out + invalid.Err);

        var closedForm = CliRunner.Run("allocate", Tiny, "--game", "closed-form", "--format", "json");
        Assert.Equal(ExitCodes.InvalidInput, closedForm.Exit);
        var error = JsonDocument.Parse(closedForm.Out).RootElement.GetProperty("errors")[0];
        Assert.Equal("--game", error.GetProperty("path").GetString());
        Assert.Contains("anna", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Allocate_InfeasibleCoalition_ExitOneNamingIt()
    {
        // With a 0.1 kW import limit, no member can cover its own load alone.
        var root = JsonNode.Parse(File.ReadAllText(TinyLoadsAndPv()))!.AsObject();
        root["outside_market"]!["import_limit_kw"] = 0.1;
        var path = Path.Combine(_dir, "tight.json");
        File.WriteAllText(path, root.ToJsonString());

        var (exit, output, err) = CliRunner.Run("allocate", path, "--method", "shapley", "--format", "json");

        Assert.Equal(ExitCodes.InvalidInput, exit);
        var error = JsonDocument.Parse(output).RootElement.GetProperty("errors")[0];
        Assert.Equal("allocation.coalition_failed", error.GetProperty("code").GetString());
        Assert.Contains("coalition {", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        CliRunner.AssertNoStackTrace(output + err);
    }

    [Trait("Category", "Heavy")]
    [Fact]
    public void BenchAllocate_Json_ReportsTheFigures()
    {
        var r = RunJson("bench", "allocate", "--participants", "30");

        Assert.True(r.GetProperty("permutations").GetDouble() >= 64);
        Assert.Equal(1, r.GetProperty("target_met").GetDouble());
        Assert.True(r.GetProperty("max_relative_half_width_percent").GetDouble() <= 1.0);
        Assert.True(r.GetProperty("coalition_evaluations").GetDouble() >= 30 * 64);
    }
}
