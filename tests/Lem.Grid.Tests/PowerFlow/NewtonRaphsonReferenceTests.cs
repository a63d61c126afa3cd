using System.Text.Json;
using Lem.Grid.PowerFlow;
using Lem.Testing;

namespace Lem.Grid.Tests.PowerFlow;

/// <summary>Newton-Raphson against MATPOWER's runpf (NR, tolerance 1e-9) results in shared/data/grids/expected.</summary>
public class NewtonRaphsonReferenceTests
{
    [SharedTheory(NativeLibraries.Klu)]
    [InlineData("case9", 4641.0214744828445)]
    [InlineData("case33bw", 202.67712645595023)]
    public void Matches_matpower_runpf(string caseName, double lossesKw)
    {
        using var expected = JsonDocument.Parse(File.ReadAllText(RepoPaths.Grid("expected", $"{caseName}_pf.json")));
        var root = expected.RootElement;
        var (model, result, _) = NewtonRaphsonTestSupport.Solve(TestGrids.Load("matpower", $"{caseName}.m"), 1e-10);

        Assert.Equal(PowerFlowStatus.Converged, result.Status);
        Assert.InRange(result.Iterations, 1, root.GetProperty("iterations").GetInt32() + 1);
        Assert.True(result.MaxMismatchMw / model.Index.BaseMva <= 1e-10);

        var buses = result.Buses.ToDictionary(b => b.Id);
        var expectedBuses = root.GetProperty("bus").EnumerateArray().ToList();
        Assert.Equal(expectedBuses.Count, buses.Count);
        foreach (var bus in expectedBuses)
        {
            var id = new BusId(bus.GetProperty("bus_i").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture));
            var actual = buses[id];
            Approx.Equal(bus.GetProperty("vm_pu").GetDouble(), actual.VmPu, 1e-6, what: $"{caseName} bus {id} vm");
            Approx.Equal(bus.GetProperty("va_degree").GetDouble(), actual.VaDegree, 1e-4, what: $"{caseName} bus {id} va");
        }

        var branches = result.Branches.ToDictionary(b => b.Id);
        // Out-of-service branches (status 0, e.g. case33bw's five tie lines) are not in the result.
        var expectedBranches = root.GetProperty("branch").EnumerateArray().ToList();
        Assert.Equal(expectedBranches.Count(e => e.GetProperty("status").GetInt32() == 1), branches.Count);
        for (var r = 0; r < expectedBranches.Count; r++)
        {
            var e = expectedBranches[r];
            if (e.GetProperty("status").GetInt32() != 1)
            {
                continue;
            }

            var actual = branches[(r + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)];
            Assert.Equal(e.GetProperty("f_bus").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), actual.From.Value);
            Assert.Equal(e.GetProperty("t_bus").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), actual.To.Value);
            var what = $"{caseName} branch {r + 1}";
            Approx.Equal(e.GetProperty("pf_mw").GetDouble(), actual.PFromMw, 1e-6, what: $"{what} pf");
            Approx.Equal(e.GetProperty("qf_mvar").GetDouble(), actual.QFromMvar, 1e-6, what: $"{what} qf");
            Approx.Equal(e.GetProperty("pt_mw").GetDouble(), actual.PToMw, 1e-6, what: $"{what} pt");
            Approx.Equal(e.GetProperty("qt_mvar").GetDouble(), actual.QToMvar, 1e-6, what: $"{what} qt");
            Approx.Equal(e.GetProperty("loss_mw").GetDouble(), actual.LossMw, 1e-6, what: $"{what} loss");
        }

        Approx.Equal(root.GetProperty("total_series_losses_MW").GetDouble() * 1000, lossesKw, 1e-9, what: "expected file losses");
        Approx.Equal(lossesKw, result.LossesMw * 1000, 1e-3, what: $"{caseName} series losses (kW)");
    }

    [SharedFact(NativeLibraries.Klu)]
    public void Case33bw_losses_are_202_677_kW()
    {
        var (_, result, _) = NewtonRaphsonTestSupport.Solve(TestGrids.Load("matpower", "case33bw.m"), 1e-10);

        Assert.Equal(PowerFlowStatus.Converged, result.Status);
        Assert.Equal(202.677, Math.Round(result.LossesMw * 1000, 3));
    }
}
