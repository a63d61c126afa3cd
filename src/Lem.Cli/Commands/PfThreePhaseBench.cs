using System.Diagnostics;
using Lem.Grid.ThreePhase.Import;
using Lem.Grid.ThreePhase.Import.IeeeEuropeanLv;
using Lem.Grid.ThreePhase.PowerFlow;
using Lem.Grid.ThreePhase.TimeSeries;

namespace Lem.Cli.Commands;

/// <summary>
/// <c>lem bench pf3</c> (docs/three-phase.md, "Time series"): the IEEE European LV feeder's 1,440 one-minute steps
/// solved with the Z-bus fixed point on the admittance matrix factorised once (goal ≤ 1 s), the previous path (prepared
/// Newton–Raphson with full results) in the same run, one snapshot, and as the baseline the same minutes solved by
/// full, non-reusing solves (each one builds and analyses the network again).
/// </summary>
public static class PfThreePhaseBench
{
    /// <summary>The bench's goal: the 1,440-step series within this many seconds.</summary>
    public const double SeriesGoalSeconds = 1.0;

    /// <summary>Creates the subcommand.</summary>
    public static Command Create(CliContext context, Func<CliContext, string, int, List<(string Key, double Value, string Unit, string What)>, IReadOnlyList<(string Figure, string Comparison, double Target)>, int> print)
    {
        var format = CommonOptions.Format();
        var runs = new Option<int>("--runs") { Description = "Measured runs per figure (the median is reported).", DefaultValueFactory = _ => 3 };
        var feeder = new Option<string?>("--feeder") { Description = "The IEEE European LV CSV package folder (default: shared/data/threephase/ieee_eu_lv/European_LV_CSV beside the checkout, or under LEM_SHARED_DIR)." };
        var baselineSteps = new Option<int>("--baseline-steps") { Description = "Minutes the non-reusing baseline solves (its per-step time is reported and projected to the series).", DefaultValueFactory = _ => 1440 };
        var command = new Command("pf3", "Three-phase power flow on the IEEE European LV feeder: the 1,440 one-minute steps with the structure prepared once (goal ≤ 1 s), one snapshot, and full non-reusing solves as the baseline in the same run.")
        {
            format, runs, feeder, baselineSteps,
        };
        command.SetAction(parse =>
        {
            var n = parse.GetValue(runs);
            var b = parse.GetValue(baselineSteps);
            if (n is < 1 or > 100 || b is < 1 or > 1440)
            {
                context.Error.WriteLine("lem: --runs must be between 1 and 100 and --baseline-steps between 1 and 1440.");
                return ExitCodes.Usage;
            }

            var folder = parse.GetValue(feeder) ?? DefaultFeeder();
            if (folder is null || !IeeeEuropeanLvReader.IsPackageFolder(folder))
            {
                context.Error.WriteLine("lem: the IEEE European LV feeder folder was not found; pass --feeder DIR (the folder holding Lines.csv, Loads.csv, ...).");
                return ExitCodes.InvalidInput;
            }

            var read = new IeeeEuropeanLvImporter().Read(folder, ThreePhaseImportOptions.Default);
            if (!read.Succeeded)
            {
                ErrorPrinter.Print(context, parse.GetValue(format)!, folder, read.Errors);
                return ExitCodes.InvalidInput;
            }

            return print(context, parse.GetValue(format)!, n, Measure(read, n, b), [("pf3_series_s", "<=", SeriesGoalSeconds)]);
        });
        return command;
    }

    /// <summary>Runs the bench and returns its figures.</summary>
    public static List<(string Key, double Value, string Unit, string What)> Measure(ThreePhaseNetworkImport read, int runs, int baselineSteps)
    {
        ArgumentNullException.ThrowIfNull(read);
        var network = read.Network!;
        var series = read.LoadSeries!;
        var options = ThreePhasePowerFlowOptions.Default;
        var newton = options with { Algorithm = ThreePhaseAlgorithm.NewtonRaphson };
        var what = $"{network.Name}: {network.Buses.Count} buses, {network.Lines.Count} lines, {network.Loads.Count} single-phase loads";

        // Warm-up (JIT, native library load), then the medians.
        ThreePhasePowerFlow.Solve(network, options);
        PfThreePhase.Solve(network, series, 1, 10, options);
        PfThreePhase.Solve(network, series, 1, 10, newton);
        var snapshot = Median(runs, () => ThreePhasePowerFlow.Solve(network, options));

        // The new path: Z-bus fixed point, summaries straight from the node voltages.
        var seriesSeconds = new List<double>();
        var seriesCpu = new List<double>();
        var prepareSeconds = new List<double>();
        ThreePhaseTimeSeriesResult fast = null!;
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        for (var r = 0; r < runs; r++)
        {
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            fast = PfThreePhase.Solve(network, series, 1, series.Steps, options);
            process.Refresh();
            seriesCpu.Add((process.TotalProcessorTime - cpu).TotalSeconds);
            seriesSeconds.Add(fast.TotalSeconds);
            prepareSeconds.Add(Median(1, () =>
            {
                using var prepared = ThreePhasePowerFlow.Prepare(network, options);
                prepared.SolveSummary(1, series.LoadsAt(1), []);
            }));
        }

        // The old path in the same run: prepared Newton–Raphson with full results per step, summarised.
        ThreePhaseTimeSeriesResult old;
        var oldClock = Stopwatch.StartNew();
        using (var prepared = ThreePhasePowerFlow.Prepare(network, newton))
        {
            old = ThreePhaseTimeSeries.Run(1, series.Steps, series.LoadsAt, loads => prepared.Solve(loads, []));
        }

        var oldSeconds = oldClock.Elapsed.TotalSeconds;
        var difference = 0.0;
        foreach (var (a, b) in fast.Steps.Zip(old.Steps))
        {
            for (var k = 0; k < 3; k++)
            {
                difference = Math.Max(difference, Math.Max(Math.Abs(a.MinVoltagePu[k] - b.MinVoltagePu[k]), Math.Abs(a.MaxVoltagePu[k] - b.MaxVoltagePu[k])));
            }
        }

        // Baseline: full solves that rebuild everything for every minute.
        var baseline = Stopwatch.StartNew();
        for (var step = 1; step <= baselineSteps; step++)
        {
            ThreePhasePowerFlow.Solve(network with { Loads = series.LoadsAt(step) }, options);
        }

        var baselinePerStep = baseline.Elapsed.TotalSeconds / baselineSteps;
        var seriesMedian = MedianOf(seriesSeconds);
        return
        [
            ("pf3_series_s", seriesMedian, "s", $"{what}: {series.Steps} one-minute steps, Z-bus fixed point (Y factorised once), warm-started, summaries from the node voltages; {fast.Steps.Count(s => s.Converged)} converged, {fast.Steps.Average(s => s.Iterations):0.0} iterations on average; goal ≤ {SeriesGoalSeconds} s"),
            ("pf3_series_ms_per_step", seriesMedian * 1000 / series.Steps, "ms", "the Z-bus series per step, preparation and summaries included"),
            ("pf3_series_cpu_s", MedianOf(seriesCpu), "s", "processor time of the Z-bus series (all threads of the process; the wall time above includes waiting for a shared machine)"),
            ("pf3_prepare_ms", MedianOf(prepareSeconds) * 1000, "ms", "of the series: compiling the network, factorising Y and the first step (load columns of Y⁻¹ included)"),
            ("pf3_series_nr_s", oldSeconds, "s", $"the previous path in this run (one run): prepared Newton–Raphson with full results per step; {old.Steps.Count(s => s.Converged)} converged, {old.Steps.Average(s => s.Iterations):0.0} iterations on average"),
            ("pf3_series_nr_ms_per_step", oldSeconds * 1000 / series.Steps, "ms", "the previous path per step"),
            ("pf3_speedup_vs_nr", oldSeconds / seriesMedian, "x", "previous prepared Newton–Raphson series over the Z-bus series"),
            ("pf3_max_difference_npu", difference * 1e9, "npu", "largest difference of the per-step lowest/highest phase voltages between the two paths, in 1e-9 pu"),
            ("pf3_snapshot_ms", snapshot * 1000, "ms", "one full solve of minute 1 (network compiled, analysed and solved from a flat start)"),
            ("pf3_baseline_ms_per_step", baselinePerStep * 1000, "ms", $"baseline in this run: {baselineSteps} minutes each solved by a full, non-reusing solve"),
            ("pf3_baseline_series_s", baselinePerStep * series.Steps, "s", $"the baseline projected to {series.Steps} steps{(baselineSteps == series.Steps ? " (measured)" : string.Empty)}"),
            ("pf3_speedup", baselinePerStep * series.Steps / seriesMedian, "x", "baseline series over the Z-bus series"),
        ];
    }

    private static string? DefaultFeeder()
    {
        var grids = GridsFolder.Find(null);
        return grids is null ? null : Path.GetFullPath(Path.Combine(grids, "..", "threephase", "ieee_eu_lv", "European_LV_CSV"));
    }

    private static double Median(int runs, Action action)
    {
        var times = new List<double>();
        for (var r = 0; r < runs; r++)
        {
            var clock = Stopwatch.StartNew();
            action();
            times.Add(clock.Elapsed.TotalSeconds);
        }

        return MedianOf(times);
    }

    private static double MedianOf(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
