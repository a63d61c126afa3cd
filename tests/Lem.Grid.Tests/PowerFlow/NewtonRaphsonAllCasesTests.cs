using System.Numerics;
using Lem.Grid.PowerFlow;
using Lem.Testing;

namespace Lem.Grid.Tests.PowerFlow;

/// <summary>Newton-Raphson on every reference network: convergence, mismatch within tolerance and active power balance.</summary>
public class NewtonRaphsonAllCasesTests
{
    private const double TolerancePu = 1e-8;

    public static TheoryData<string> MatpowerCases() => Files("matpower", "*.m");

    public static TheoryData<string> PandapowerNetworks() => Files("pandapower", "*.json");

    [SharedFact]
    public void Reference_folders_hold_31_matpower_cases_and_41_pandapower_networks()
    {
        Assert.Equal(31, ((IEnumerable<object[]>)MatpowerCases()).Count());
        Assert.Equal(41, ((IEnumerable<object[]>)PandapowerNetworks()).Count());
    }

    [SharedTheory(NativeLibraries.Klu)]
    [MemberData(nameof(MatpowerCases))]
    public void Every_matpower_case_converges_from_its_start_values(string file) =>
        SolveAndCheck("matpower", file, m => m.StartVoltages(flatStart: false));

    [SharedTheory(NativeLibraries.Klu)]
    [MemberData(nameof(PandapowerNetworks))]
    public void Every_pandapower_network_converges(string file) =>
        SolveAndCheck("pandapower", file, m => NewtonRaphsonStart.Voltages(m, flatStart: false));

    private static void SolveAndCheck(string folder, string file, Func<PowerFlowModel, Complex[]> start)
    {
        var (model, result, _) = NewtonRaphsonTestSupport.Solve(TestGrids.Load(folder, file), TolerancePu, start);

        Assert.True(result.Status == PowerFlowStatus.Converged, $"{file}: {result.Status} after {result.Iterations} iterations, history {string.Join(", ", result.ConvergenceHistory.Select(h => h.ToString("G3", System.Globalization.CultureInfo.InvariantCulture)))}");
        Assert.InRange(result.Iterations, 0, 10);
        Assert.True(result.ConvergenceHistory[^1] <= TolerancePu, $"{file}: final mismatch {result.ConvergenceHistory[^1]:G3} p.u.");
        Assert.True(result.MaxMismatchMw <= TolerancePu * model.Index.BaseMva, $"{file}: mismatch {result.MaxMismatchMw:G3} MW");
        Assert.Equal(result.Iterations + 1, result.ConvergenceHistory.Count);
        Assert.All(result.Buses, b => Assert.True(double.IsFinite(b.VmPu) && b.VmPu > 0.5 && b.VmPu < 1.5, $"{file}: bus {b.Id} |V| = {b.VmPu}"));
        Assert.True(result.LossesMw >= 0, $"{file}: negative series losses {result.LossesMw} MW");
        NewtonRaphsonTestSupport.AssertActivePowerBalance(model, result, 1e-6, file);
    }

    private static TheoryData<string> Files(string folder, string pattern)
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(RepoPaths.Grid(folder), pattern).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }
}
