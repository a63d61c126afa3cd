using System.Text.Json;
using Lem.Testing;

namespace Lem.Cli.Tests;

public sealed class RunCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lem-run-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static JsonElement RunJson(params string[] args)
    {
        var (exit, output, err) = CliRunner.Run(args);
        Assert.True(exit == 0, output + err);
        return JsonDocument.Parse(output).RootElement;
    }

    [Trait("Category", "Heavy")]
    [NativeTheory(NativeLibraries.Klu, NativeLibraries.Ipopt)]
    [InlineData("copperplate")]
    [InlineData("dc")]
    [InlineData("lindistflow")]
    [InlineData("soc")]
    [InlineData("ac")]
    public void Run_Village_ClearsWithTheGridOption_AndReportsTheAcCheck(string grid)
    {
        var r = RunJson("run", RepoPaths.InRepo("examples", "village", "scenario.json"), "--mechanism", "pool", "--grid", grid, "--format", "json");

        Assert.Equal("optimal", r.GetProperty("status").GetString());
        Assert.Equal(grid, r.GetProperty("grid").GetString());
        Assert.Equal(96, r.GetProperty("prices").GetArrayLength());
        var ac = r.GetProperty("ac_check");
        Assert.True(ac.GetProperty("converged").GetBoolean());
        Assert.InRange(ac.GetProperty("vm_min_pu").GetDouble(), 0.9, 1.1);
        Assert.True(ac.GetProperty("max_loading_percent").GetDouble() > 0);
        Assert.True(ac.TryGetProperty("violations", out _));
        if (grid == "lindistflow")
        {
            Assert.True(ac.GetProperty("max_voltage_deviation_pu").GetDouble() < 0.01);
        }

        if (grid is "soc" or "ac")
        {
            // An exact relaxation predicts the AC voltages.
            Assert.True(ac.GetProperty("max_voltage_deviation_pu").GetDouble() < 1e-4);
        }
    }

    [Trait("Category", "Heavy")]
    [Fact]
    public void Run_Village_WritesItsFiles_AndAConsistentSummary()
    {
        var outDir = Path.Combine(_dir, "village");
        var r = RunJson("run", RepoPaths.InRepo("examples", "village", "scenario.json"), "--grid", "lindistflow", "--out", outDir, "--format", "json");

        foreach (var file in new[] { "prices.csv", "dispatch.csv", "storage.csv", "grid.csv", "summary.json" })
        {
            Assert.True(File.Exists(Path.Combine(outDir, file)), file);
        }

        var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json"))).RootElement;
        Assert.Equal(r.GetProperty("welfare_eur").GetDouble(), summary.GetProperty("welfare_eur").GetDouble());
        // prices.csv has one row per slot and bus.
        var priceRows = File.ReadAllLines(Path.Combine(outDir, "prices.csv")).Length - 1;
        Assert.Equal(96 * r.GetProperty("prices")[0].GetProperty("buses").GetArrayLength(), priceRows);
        // Import minus export equals the community's net demand over the day (dispatch.csv, kW per slot × 0.25 h).
        var net = File.ReadAllLines(Path.Combine(outDir, "dispatch.csv")).Skip(1).Select(l => l.Split(',')).Where(c => c[2] != "outside-market").Sum(c => double.Parse(c[5], System.Globalization.CultureInfo.InvariantCulture)) * 0.25 / 1000;
        var trade = r.GetProperty("import_mwh").GetDouble() - r.GetProperty("export_mwh").GetDouble();
        // LinDistFlow has no series losses; the difference is the grid's shunt consumption (transformer iron losses).
        Assert.InRange(trade + net, 0, 0.03);
    }

    [Fact]
    public void Run_Tiny_OnCopperPlate_GivesUniformPricesPerSlot()
    {
        var r = RunJson("run", RepoPaths.InRepo("examples", "tiny", "scenario.json"), "--grid", "copperplate", "--format", "json");

        foreach (var slot in r.GetProperty("prices").EnumerateArray())
        {
            Assert.Equal(slot.GetProperty("min_eur_per_mwh").GetDouble(), slot.GetProperty("max_eur_per_mwh").GetDouble(), 9);
        }

        Assert.True(r.GetProperty("welfare_eur").ValueKind == JsonValueKind.Number);
    }

    [Fact]
    public void Run_InfeasibleClearing_ExitsOne_NamingTheCause()
    {
        var json = File.ReadAllText(RepoPaths.InRepo("examples", "tiny", "scenario.json"))
            .Replace("\"import_limit_kw\": 100", "\"import_limit_kw\": 0.1", StringComparison.Ordinal)
            .Replace("\"available_kw\": [3.9, 4.8, 5.1, 4.6]", "\"available_kw\": [0, 0, 0, 0]", StringComparison.Ordinal)
            .Replace("\"available_kw\": [2.6, 3.2, 3.4, 3.0]", "\"available_kw\": [0, 0, 0, 0]", StringComparison.Ordinal)
            .Replace("../../docs/", "../docs/", StringComparison.Ordinal);
        var path = Path.Combine(_dir, "scenario.json");
        File.WriteAllText(path, json);

        var (exit, output, err) = CliRunner.Run("run", path, "--grid", "copperplate", "--format", "json");

        Assert.Equal(1, exit);
        var r = JsonDocument.Parse(output).RootElement;
        Assert.Equal("infeasible", r.GetProperty("status").GetString());
        Assert.Contains("import", r.GetProperty("message").GetString()!, StringComparison.OrdinalIgnoreCase);
        CliRunner.AssertNoStackTrace(output + err);
    }

    [Fact]
    public void Run_LinDistFlowOnAMeshedGrid_ExitsOne()
    {
        var json = File.ReadAllText(RepoPaths.InRepo("examples", "tiny", "scenario.json"))
            .Replace("\"lines\": [", "\"lines\": [\n      { \"id\": \"L02\", \"from_bus\": \"0\", \"to_bus\": \"2\", \"r_ohm\": 0.05, \"x_ohm\": 0.02 },", StringComparison.Ordinal);
        var path = Path.Combine(_dir, "meshed.json");
        File.WriteAllText(path, json);

        var (exit, output, err) = CliRunner.Run("run", path, "--grid", "lindistflow");

        Assert.Equal(1, exit);
        Assert.Contains("meshed", output, StringComparison.Ordinal);
        CliRunner.AssertNoStackTrace(output + err);
    }

    /// <summary>
    /// <c>--max-unbalance-percent</c> (docs/three-phase.md): refused with exit 2 for a mechanism without a formulation
    /// with phases and for a non-positive value, and with exit 1 naming the option when the pool clears on a formulation
    /// without phases.
    /// </summary>
    [Fact]
    public void Run_MaxUnbalancePercent_NeedsAFormulationWithPhases()
    {
        var tiny = RepoPaths.InRepo("examples", "tiny", "scenario.json");
        var (exit, output, err) = CliRunner.Run("run", tiny, "--mechanism", "uniform", "--max-unbalance-percent", "2");
        Assert.True(exit == 2, output + err);
        Assert.Contains("--max-unbalance-percent", err, StringComparison.Ordinal);

        (exit, output, err) = CliRunner.Run("run", tiny, "--max-unbalance-percent", "-1");
        Assert.True(exit == 2, output + err);
        Assert.Contains("positive", err, StringComparison.Ordinal);

        (exit, output, err) = CliRunner.Run("run", RepoPaths.InRepo("examples", "village", "scenario.json"), "--grid", "lindistflow", "--max-unbalance-percent", "2", "--format", "json");
        Assert.True(exit == 1, output + err);
        Assert.Contains(JsonDocument.Parse(output).RootElement.GetProperty("errors").EnumerateArray(), e => e.GetProperty("code").GetString() == "clearing.unbalance_limit_not_applicable");
        CliRunner.AssertNoStackTrace(output + err);
    }
}
