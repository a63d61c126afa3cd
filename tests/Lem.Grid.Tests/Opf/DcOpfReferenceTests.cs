using System.Text.Json;
using Lem.Grid.Formulations;
using Lem.Grid.Opf;
using Lem.Optimization;
using Lem.Testing;
using Xunit.Abstractions;

namespace Lem.Grid.Tests.Opf;

/// <summary>DC OPF against MATPOWER's <c>rundcopf</c> (shared/data/grids/expected/case*_dcopf.json).</summary>
public sealed class DcOpfReferenceTests(ITestOutputHelper output)
{
    [SharedTheory]
    [InlineData("case9")]
    [InlineData("case30")]
    public void MatchesMatpowerObjectiveLmpsAndDispatch(string caseName)
    {
        using var expected = JsonDocument.Parse(File.ReadAllText(RepoPaths.Grid("expected", $"{caseName}_dcopf.json")));
        var root = expected.RootElement;
        var network = TestGrids.Load("matpower", $"{caseName}.m");

        var result = OptimalPowerFlow.Solve(network, new DcFormulation());
        output.WriteLine($"{caseName} DC OPF: {result.SolverName}, solver {result.SolverSeconds * 1e3:F1} ms, total {result.TotalSeconds * 1e3:F1} ms");

        Assert.Equal(SolveStatus.Optimal, result.Status);
        var objective = root.GetProperty("objective_usd_per_h").GetDouble();
        Approx.Equal(objective, result.ObjectivePerHour, relTol: 1e-4, absTol: 0, what: "objective");
        foreach (var bus in root.GetProperty("bus").EnumerateArray())
        {
            var id = new BusId(bus.GetProperty("bus_i").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture));
            Approx.Equal(bus.GetProperty("lam_p_usd_per_MWh").GetDouble(), result.Bus(id).LmpPerMwh, 1e-3, what: $"LMP at bus {id}");
        }

        var gens = root.GetProperty("gen").EnumerateArray().ToList();
        Assert.Equal(gens.Count, result.Generators.Count);
        for (var g = 0; g < gens.Count; g++)
        {
            Approx.Equal(gens[g].GetProperty("pg_mw").GetDouble(), result.Generators[g].PMw, 1e-3, what: $"Pg of generator {g + 1}");
        }

        var branches = root.GetProperty("branch").EnumerateArray().ToList();
        Assert.Equal(branches.Count, result.Branches.Count);
        for (var k = 0; k < branches.Count; k++)
        {
            Approx.Equal(branches[k].GetProperty("pf_mw").GetDouble(), result.Branches[k].PFromMw, 1e-3, what: $"flow on branch {k + 1}");
        }

        Assert.Equal(0.0, result.LossesMw);
        Assert.All(result.Buses, b => Assert.Null(b.VmPu));
    }
}
