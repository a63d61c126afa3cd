using System.Diagnostics;
using Lem.Grid.ThreePhase.Import;
using Lem.Grid.ThreePhase.Import.IeeeEuropeanLv;
using Lem.Grid.ThreePhase.PowerFlow;

namespace Lem.Cli.Commands;

/// <summary>
/// <c>lem bench pf3</c> (docs/three-phase.md, "Time series"): the IEEE European LV feeder's 1,440 one-minute steps
/// solved with the structure prepared once (goal ≤ 1 s), one snapshot, and as the baseline measured in the same run
/// the same minutes solved by full, non-reusing solves (each one builds and analyses the network again).
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
        var what = $"{network.Name}: {network.Buses.Count} buses, {network.Lines.Count} lines, {network.Loads.Count} single-phase loads";

        // Warm-up (JIT, native library load), then the medians.
        ThreePhasePowerFlow.Solve(network, options);
        PfThreePhase.Solve(network, series, 1, 10, options);
        var snapshot = Median(runs, () => ThreePhasePowerFlow.Solve(network, options));
        var seriesSeconds = new List<double>();
        var solveOnly = new List<double>();
        var iterations = 0.0;
        var converged = 0;
        for (var r = 0; r < runs; r++)
        {
            var result = PfThreePhase.Solve(network, series, 1, series.Steps, options);
            seriesSeconds.Add(result.TotalSeconds);
            iterations = result.Steps.Average(s => s.Iterations);
            converged = result.Steps.Count(s => s.Converged);

            // The same loop without the per-step summaries: what the prepared solves alone take.
            var clock = Stopwatch.StartNew();
            using (var prepared = ThreePhasePowerFlow.Prepare(network, options))
            {
                for (var step = 1; step <= series.Steps; step++)
                {
                    prepared.Solve(series.LoadsAt(step), []);
                }
            }

            solveOnly.Add(clock.Elapsed.TotalSeconds);
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
            ("pf3_series_s", seriesMedian, "s", $"{what}: {series.Steps} one-minute steps, prepared once, warm-started; {converged} converged, {iterations:0.0} iterations on average; goal ≤ {SeriesGoalSeconds} s"),
            ("pf3_series_ms_per_step", seriesMedian * 1000 / series.Steps, "ms", "the series per step, summaries included"),
            ("pf3_series_solves_only_s", MedianOf(solveOnly), "s", "the same prepared solves without the per-step summaries"),
            ("pf3_snapshot_ms", snapshot * 1000, "ms", "one full solve of minute 1 (network compiled, analysed and solved from a flat start)"),
            ("pf3_baseline_ms_per_step", baselinePerStep * 1000, "ms", $"baseline in this run: {baselineSteps} minutes each solved by a full, non-reusing solve"),
            ("pf3_baseline_series_s", baselinePerStep * series.Steps, "s", $"the baseline projected to {series.Steps} steps{(baselineSteps == series.Steps ? " (measured)" : string.Empty)}"),
            ("pf3_speedup", baselinePerStep * series.Steps / seriesMedian, "x", "baseline series over prepared series"),
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
