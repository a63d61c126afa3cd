using System.Text.Json;
using Lem.Testing;

namespace Lem.Cli.Tests;

public sealed class OpfCommandTests
{
    [SharedTheory(NativeLibraries.Klu, NativeLibraries.Ipopt)]
    [InlineData("case9", "dc", "case9_dcopf.json", 1e-4, 1e-3)]
    [InlineData("case30", "dc", "case30_dcopf.json", 1e-4, 1e-3)]
    [InlineData("case9", "ac", "case9_acopf.json", 1e-3, 1e-2)]
    public void Opf_MatchesMatpower(string name, string formulation, string expectedFile, double objectiveRelTol, double lmpTol)
    {
        var (exit, output, err) = CliRunner.Run("opf", RepoPaths.Grid("matpower", name + ".m"), "--formulation", formulation, "--format", "json");

        Assert.True(exit == 0, output + err);
        var r = JsonDocument.Parse(output).RootElement;
        var e = JsonDocument.Parse(File.ReadAllText(RepoPaths.Grid("expected", expectedFile))).RootElement;
        Assert.Equal("optimal", r.GetProperty("status").GetString());
        var expectedObjective = e.GetProperty("objective_usd_per_h").GetDouble();
        Approx.Equal(expectedObjective, r.GetProperty("objective").GetDouble(), 0, objectiveRelTol, "objective");
        var lmps = r.GetProperty("buses").EnumerateArray().ToDictionary(b => b.GetProperty("id").GetInt32(), b => b.GetProperty("lmp").GetDouble());
        foreach (var bus in e.GetProperty("bus").EnumerateArray())
        {
            Approx.Equal(bus.GetProperty("lam_p_usd_per_MWh").GetDouble(), lmps[bus.GetProperty("bus_i").GetInt32()], lmpTol, what: $"LMP at bus {bus.GetProperty("bus_i").GetInt32()}");
        }
    }

    [SharedFact]
    public void Opf_Soc_OnAMeshedCase_ExitsOne_WithTheReason()
    {
        var (exit, output, err) = CliRunner.Run("opf", RepoPaths.Grid("matpower", "case9.m"), "--formulation", "soc");
        Assert.Equal(1, exit);
        Assert.Contains("meshed", output, StringComparison.Ordinal);
        CliRunner.AssertNoStackTrace(output + err);
    }

    [SharedFact(NativeLibraries.Klu, NativeLibraries.Ipopt)]
    public void Opf_SocAndAc_AgreeOnCase33bw()
    {
        var soc = JsonDocument.Parse(CliRunner.Run("opf", RepoPaths.Grid("matpower", "case33bw.m"), "--formulation", "soc", "--format", "json").Out).RootElement;
        var ac = JsonDocument.Parse(CliRunner.Run("opf", RepoPaths.Grid("matpower", "case33bw.m"), "--formulation", "ac", "--format", "json").Out).RootElement;
        Assert.Equal("optimal", soc.GetProperty("status").GetString());
        Assert.Equal("optimal", ac.GetProperty("status").GetString());
        var vmAc = ac.GetProperty("buses").EnumerateArray().ToDictionary(b => b.GetProperty("id").GetInt32(), b => b.GetProperty("vm_pu").GetDouble());
        foreach (var b in soc.GetProperty("buses").EnumerateArray())
        {
            Approx.Equal(vmAc[b.GetProperty("id").GetInt32()], b.GetProperty("vm_pu").GetDouble(), 1e-4, what: $"Vm at bus {b.GetProperty("id").GetInt32()}");
        }

        Approx.Equal(ac.GetProperty("objective").GetDouble(), soc.GetProperty("objective").GetDouble(), 0, 1e-3, "objective");
    }
}
