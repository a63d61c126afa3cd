using System.Text.Json;
using Lem.Testing;

namespace Lem.Cli.Tests;

public sealed class PfCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lem-pf-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static JsonElement Expected(string name) => JsonDocument.Parse(File.ReadAllText(RepoPaths.Grid("expected", name))).RootElement;

    [SharedTheory(NativeLibraries.Klu)]
    [InlineData("auto", "bfs")]
    [InlineData("nr", "nr")]
    [InlineData("bfs", "bfs")]
    public void Pf_Case33bw_MatchesMatpower(string algorithm, string used)
    {
        var (exit, output, err) = CliRunner.Run("pf", RepoPaths.Grid("matpower", "case33bw.m"), "--algorithm", algorithm, "--tolerance", "1e-10", "--format", "json");

        Assert.True(exit == 0, output + err);
        var r = JsonDocument.Parse(output).RootElement;
        var e = Expected("case33bw_pf.json");
        Assert.True(r.GetProperty("converged").GetBoolean());
        Assert.Equal(used, r.GetProperty("algorithm").GetString());
        Assert.Equal(18, r.GetProperty("vm_min_bus").GetInt32());
        Approx.Equal(e.GetProperty("vm_min_pu").GetDouble(), r.GetProperty("vm_min_pu").GetDouble(), 1e-6);
        Approx.Equal(e.GetProperty("total_series_losses_MW").GetDouble(), r.GetProperty("losses_mw").GetDouble(), 1e-6, what: "losses (1e-3 kW)");
        var buses = r.GetProperty("buses").EnumerateArray().ToDictionary(b => b.GetProperty("id").GetInt32());
        Assert.Equal(33, buses.Count);
        foreach (var b in e.GetProperty("bus").EnumerateArray())
        {
            var mine = buses[b.GetProperty("bus_i").GetInt32()];
            Approx.Equal(b.GetProperty("vm_pu").GetDouble(), mine.GetProperty("vm_pu").GetDouble(), 1e-6);
            Approx.Equal(b.GetProperty("va_degree").GetDouble(), mine.GetProperty("va_degree").GetDouble(), 1e-4);
        }
    }

    [SharedFact(NativeLibraries.Klu)]
    public void Pf_KerberLandnetz_ReportsTheTransformersNoLoadLoss_InTheTotal()
    {
        // One 0.16 MVA transformer with pfe_kw = 0.38: its iron loss at |V| ≈ 0.99 p.u. (docs/power-flow.md, "Losses").
        var (exit, output, err) = CliRunner.Run("pf", RepoPaths.Grid("pandapower", "kerber_landnetz_freileitung_1.json"), "--format", "json");

        Assert.True(exit == 0, output + err);
        var r = JsonDocument.Parse(output).RootElement;
        var series = r.GetProperty("losses_mw").GetDouble();
        var noLoad = r.GetProperty("transformer_no_load_losses_mw").GetDouble();
        Assert.InRange(noLoad * 1000, 0.37, 0.38);
        Assert.Equal(0, r.GetProperty("shunt_losses_mw").GetDouble());
        Approx.Equal(series + noLoad, r.GetProperty("total_losses_mw").GetDouble(), 1e-12);
        var trafo = r.GetProperty("branches").EnumerateArray().Single(b => b.GetProperty("kind").GetString() == "transformer");
        Approx.Equal(noLoad, trafo.GetProperty("shunt_loss_mw").GetDouble(), 1e-12);

        // The total is what the buses inject: generation − load.
        Approx.Equal(r.GetProperty("buses").EnumerateArray().Sum(b => b.GetProperty("p_mw").GetDouble()), series + noLoad, 1e-9);
    }

    [SharedFact(NativeLibraries.Klu)]
    public void Pf_Case9_MatchesMatpower_AndHasTheDocumentedFields()
    {
        var (exit, output, _) = CliRunner.Run("pf", RepoPaths.Grid("matpower", "case9.m"), "--format", "json", "--tolerance", "1e-10");

        Assert.Equal(0, exit);
        var r = JsonDocument.Parse(output).RootElement;
        var e = Expected("case9_pf.json");
        Assert.Equal("nr", r.GetProperty("algorithm").GetString());
        Assert.InRange(r.GetProperty("iterations").GetInt32(), 1, 10);
        Approx.Equal(e.GetProperty("total_series_losses_MW").GetDouble(), r.GetProperty("losses_mw").GetDouble(), 1e-6);
        var branches = r.GetProperty("branches").EnumerateArray().ToList();
        Assert.Equal(9, branches.Count);
        foreach (var field in new[] { "id", "from", "to", "p_from_mw", "q_from_mvar", "p_to_mw", "q_to_mvar", "loss_mw", "loading_percent" })
        {
            Assert.True(branches[0].TryGetProperty(field, out _), field);
        }

        var expectedBranches = e.GetProperty("branch").EnumerateArray().ToList();
        for (var k = 0; k < 9; k++)
        {
            Assert.Equal(expectedBranches[k].GetProperty("f_bus").GetInt32(), branches[k].GetProperty("from").GetInt32());
            Approx.Equal(expectedBranches[k].GetProperty("pf_mw").GetDouble(), branches[k].GetProperty("p_from_mw").GetDouble(), 1e-6);
            Approx.Equal(expectedBranches[k].GetProperty("qt_mvar").GetDouble(), branches[k].GetProperty("q_to_mvar").GetDouble(), 1e-6);
        }
    }

    [SharedFact]
    public void Pf_Text_PrintsASummary()
    {
        var (exit, output, _) = CliRunner.Run("pf", RepoPaths.Grid("pandapower", "kerber_dorfnetz.json"));
        Assert.Equal(0, exit);
        Assert.Contains("converged", output, StringComparison.Ordinal);
        Assert.Contains("Lowest voltage", output, StringComparison.Ordinal);
        Assert.Contains("Series losses", output, StringComparison.Ordinal);
    }

    [SharedFact]
    public void Pf_TimeSeries_Radial1001_ReproducesTheBenchmarkCheckValues()
    {
        var (exit, output, err) = CliRunner.Run("pf", RepoPaths.Grid("benchmark", "radial1001.json"), "--loads", RepoPaths.Grid("benchmark", "radial1001_profiles.csv.gz"), "--format", "json", "--tolerance", "1e-10");

        Assert.True(exit == 0, output + err);
        var r = JsonDocument.Parse(output).RootElement;
        Assert.True(r.GetProperty("converged").GetBoolean());
        Assert.True(r.GetProperty("total_seconds").GetDouble() > 0);
        var steps = r.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(1000, steps.Count);
        // benchmark README (pandapower, bus numbers of the pandapower file)
        foreach (var (step, vmin, bus, losses) in new[] { (0, 1.026143070, 730, 3.982222), (499, 1.025741221, 990, 3.886809), (999, 1.025494116, 480, 3.895192) })
        {
            var s = steps[step];
            Assert.Equal(step, s.GetProperty("step").GetInt32());
            Assert.True(s.GetProperty("converged").GetBoolean());
            Approx.Equal(vmin, s.GetProperty("vm_min_pu").GetDouble(), 1e-6);
            Assert.Equal(bus, s.GetProperty("vm_min_bus").GetInt32());
            Approx.Equal(losses, s.GetProperty("losses_mw").GetDouble(), 1e-6);
        }
    }

    [SharedFact]
    public void Pf_SweepOnAMeshedGrid_ExitsOne_WithAClearMessage()
    {
        var (exit, output, err) = CliRunner.Run("pf", RepoPaths.Grid("matpower", "case9.m"), "--algorithm", "bfs");
        Assert.Equal(1, exit);
        Assert.Contains("radial", output, StringComparison.Ordinal);
        CliRunner.AssertNoStackTrace(output + err);
    }

    [SharedFact]
    public void Pf_NoSlack_ExitsOne()
    {
        var text = File.ReadAllText(RepoPaths.Grid("matpower", "case9.m")).Replace("\t1\t3\t0\t0\t0\t0\t1\t1\t0\t345", "\t1\t2\t0\t0\t0\t0\t1\t1\t0\t345", StringComparison.Ordinal);
        var path = Path.Combine(_dir, "noslack.m");
        File.WriteAllText(path, text);

        var (exit, output, err) = CliRunner.Run("pf", path);

        Assert.Equal(1, exit);
        Assert.Contains("grid.no_slack", output, StringComparison.Ordinal);
        CliRunner.AssertNoStackTrace(output + err);
    }

    [SharedFact]
    public void Pf_IslandedBus_ExitsOne()
    {
        // Take both branches of bus 5 (4-5 and 5-6) out of service.
        var text = File.ReadAllText(RepoPaths.Grid("matpower", "case9.m"))
            .Replace("\t4\t5\t0.017\t0.092\t0.158\t250\t250\t250\t0\t0\t1", "\t4\t5\t0.017\t0.092\t0.158\t250\t250\t250\t0\t0\t0", StringComparison.Ordinal)
            .Replace("\t5\t6\t0.039\t0.17\t0.358\t150\t150\t150\t0\t0\t1", "\t5\t6\t0.039\t0.17\t0.358\t150\t150\t150\t0\t0\t0", StringComparison.Ordinal);
        var path = Path.Combine(_dir, "island.m");
        File.WriteAllText(path, text);

        var (exit, output, err) = CliRunner.Run("pf", path, "--format", "json");

        Assert.Equal(1, exit);
        var r = JsonDocument.Parse(output).RootElement;
        Assert.False(r.GetProperty("valid").GetBoolean());
        Assert.Contains(r.GetProperty("errors").EnumerateArray(), e => e.GetProperty("code").GetString() == "grid.islanded");
        CliRunner.AssertNoStackTrace(output + err);
    }

    [Theory]
    [InlineData("no-such-file.m", "file.missing")]
    [InlineData("grid.txt", "file.malformed")]
    public void Pf_BadFile_ExitsOne(string name, string code)
    {
        var path = Path.Combine(_dir, name);
        if (name.EndsWith(".txt", StringComparison.Ordinal))
        {
            File.WriteAllText(path, "this is not a grid");
        }

        var (exit, output, err) = CliRunner.Run("pf", path);

        Assert.Equal(1, exit);
        Assert.Contains(code, output, StringComparison.Ordinal);
        CliRunner.AssertNoStackTrace(output + err);
    }

    [SharedFact]
    public void Pf_BadLoadsFile_ExitsOne_WithFileAndLine()
    {
        var csv = Path.Combine(_dir, "loads.csv");
        File.WriteAllText(csv, "step,p_mw_0,q_mvar_0\n0,0.1,0.05\n1,abc,0.05\n");
        var (exit, output, err) = CliRunner.Run("pf", RepoPaths.Grid("matpower", "case33bw.m"), "--loads", csv);
        Assert.Equal(1, exit);
        Assert.Contains("loads.csv:3", output, StringComparison.Ordinal);
        CliRunner.AssertNoStackTrace(output + err);
    }

    [SharedFact]
    public void Pf_BadTolerance_IsAUsageError()
    {
        var (exit, _, err) = CliRunner.Run("pf", RepoPaths.Grid("matpower", "case9.m"), "--tolerance", "-1");
        Assert.Equal(2, exit);
        Assert.Contains("--tolerance", err, StringComparison.Ordinal);
    }
}
