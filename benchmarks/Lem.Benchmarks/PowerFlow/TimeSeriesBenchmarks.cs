using BenchmarkDotNet.Attributes;
using Lem.Grid.Import;
using Lem.Grid.Indexing;
using Lem.Grid.PowerFlow;

namespace Lem.Benchmarks.PowerFlow;

/// <summary>The 1000-step time series of the radial1001 benchmark grid: sweep against Newton-Raphson.</summary>
public class TimeSeriesBenchmarks
{
    private PowerFlowModel _model = null!;
    private LoadProfile _profile = null!;

    /// <summary>The algorithm.</summary>
    [Params(PowerFlowAlgorithm.BackwardForwardSweep, PowerFlowAlgorithm.NewtonRaphson)]
    public PowerFlowAlgorithm Algorithm { get; set; }

    /// <summary>Imports the grid and the profiles.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var network = GridImporter.Import(SharedGrids.Path("benchmark", "radial1001.m")).Network!;
        _model = PowerFlowModel.Build(NetworkIndex.Build(network));
        _profile = LoadProfile.ReadCsv(SharedGrids.Path("benchmark", "radial1001_profiles.csv.gz")).Profile!;
    }

    /// <summary>All 1000 steps.</summary>
    [Benchmark]
    public TimeSeriesResult Radial1001() => PowerFlowTimeSeries.Run(_model, _profile, new PowerFlowOptions { Algorithm = Algorithm }, AcPowerFlow.CreateSolver);
}
