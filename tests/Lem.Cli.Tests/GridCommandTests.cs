using System.Text.Json;
using Lem.Testing;

namespace Lem.Cli.Tests;

public sealed class GridCommandTests
{
    // Expected counts read off the source files: MATPOWER bus/branch rows and buses with Pd or Qd != 0;
    // pandapower table lengths (bus, line, trafo, load + asymmetric_load).
    [SharedTheory]
    [InlineData("matpower/case9.m", 9, 9, 0, 3)]
    [InlineData("matpower/case33bw.m", 33, 37, 0, 32)]
    [InlineData("matpower/case118.m", 118, 175, 11, 99)]
    [InlineData("pandapower/kerber_dorfnetz.json", 116, 114, 1, 57)]
    [InlineData("pandapower/cigre_lv.json", 44, 37, 3, 15)]
    [InlineData("pandapower/ieee_european_lv_asymmetric_on_peak_566.json", 907, 905, 1, 55)]
    [InlineData("benchmark/radial1001.m", 1001, 1000, 0, 1000)]
    [InlineData("benchmark/radial1001.json", 1001, 1000, 0, 1000)]
    public void Grid_Json_CountsMatchTheSourceFile(string file, int buses, int lines, int transformers, int loads)
    {
        var (exit, output, err) = CliRunner.Run("grid", RepoPaths.Grid(file.Split('/')), "--format", "json");

        Assert.True(exit == 0, output + err);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal(buses, root.GetProperty("buses").GetInt32());
        Assert.Equal(lines, root.GetProperty("lines").GetInt32());
        Assert.Equal(transformers, root.GetProperty("transformers").GetInt32());
        Assert.Equal(lines + transformers, root.GetProperty("branches").GetInt32());
        Assert.Equal(loads, root.GetProperty("loads").GetInt32());
    }

    [SharedFact]
    public void Grid_Case33bw_TotalLoad_IsTheKnownFeederLoad()
    {
        var (exit, output, _) = CliRunner.Run("grid", RepoPaths.Grid("matpower", "case33bw.m"), "--format", "json");
        Assert.Equal(0, exit);
        using var doc = JsonDocument.Parse(output);
        // Baran & Wu: 3715 kW and 2300 kvar in total.
        Approx.Equal(3.715, doc.RootElement.GetProperty("total_load_mw").GetDouble(), 1e-9);
        Approx.Equal(2.3, doc.RootElement.GetProperty("total_load_mvar").GetDouble(), 1e-9);
        Assert.True(doc.RootElement.GetProperty("radial").GetBoolean());
    }

    [SharedFact]
    public void Grid_Text_PrintsATable()
    {
        var (exit, output, _) = CliRunner.Run("grid", RepoPaths.Grid("pandapower", "kerber_dorfnetz.json"));
        Assert.Equal(0, exit);
        Assert.Contains("Buses", output, StringComparison.Ordinal);
        Assert.Contains("116", output, StringComparison.Ordinal);
        Assert.Contains("radial", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Grid_MissingFile_ExitsOne_WithoutStackTrace()
    {
        var (exit, output, err) = CliRunner.Run("grid", "no-such-case.m");
        Assert.Equal(1, exit);
        Assert.Contains("file.missing", output, StringComparison.Ordinal);
        CliRunner.AssertNoStackTrace(output + err);
    }
}
