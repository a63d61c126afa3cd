using BenchmarkDotNet.Attributes;
using Lem.Grid.Import;
using Lem.Grid.Indexing;
using Lem.Grid.PowerFlow;

namespace Lem.Benchmarks.PowerFlow;

/// <summary>Newton-Raphson on large meshed cases: whole solve and iterations only.</summary>
[MemoryDiagnoser]
public class PowerFlowBenchmarks
{
    private PowerFlowModel _model = null!;
    private IPowerFlowSolver _solver = null!;
    private Grid.Network.GridNetwork _network = null!;

    /// <summary>The MATPOWER case.</summary>
    [Params("case1354pegase", "case2869pegase")]
    public string Case { get; set; } = "case1354pegase";

    /// <summary>Imports the case and prepares a solver.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _network = GridImporter.Import(SharedGrids.Path("matpower", Case + ".m")).Network!;
        _model = PowerFlowModel.Build(NetworkIndex.Build(_network));
        _solver = new NewtonRaphsonSolver(_model, new PowerFlowOptions());
    }

    /// <summary>Releases the solver.</summary>
    [GlobalCleanup]
    public void Cleanup() => _solver.Dispose();

    /// <summary>Index, Ybus, symbolic analysis and solve, from the imported network.</summary>
    [Benchmark(Baseline = true)]
    public PowerFlowResult FullSolve() => AcPowerFlow.Run(PowerFlowModel.Build(NetworkIndex.Build(_network)), new PowerFlowOptions { Algorithm = PowerFlowAlgorithm.NewtonRaphson });

    /// <summary>Newton iterations only, with the structure prepared.</summary>
    [Benchmark]
    public SolveStats IterationsOnly()
    {
        var v = _model.StartVoltages(false);
        return _solver.Solve(_model.SpecifiedSbusPu, v);
    }
}
