using Lem.Cli.Progress;
using Lem.Grid.ThreePhase.Import;
using Lem.Grid.ThreePhase.PowerFlow;

namespace Lem.Cli.Commands;

/// <summary>
/// <c>lem pf &lt;network-file&gt;</c>: AC power flow of a MATPOWER or pandapower network, one snapshot or, with
/// <c>--loads</c>, a time series of load snapshots.
/// </summary>
public static class PfCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var file = CommonOptions.NetworkFile();
        var algorithm = CommonOptions.Choice("--algorithm", "auto (sweep when radial, else Newton-Raphson), nr or bfs.", "auto", "auto", "nr", "bfs");
        var format = CommonOptions.Format();
        var loads = new Option<string?>("--loads") { Description = "A CSV (or .csv.gz) of load snapshots: columns step, p_mw_<k>, q_mvar_<k> for load k of the file." };
        var tolerance = new Option<double>("--tolerance") { Description = "Convergence tolerance in p.u. (NR: power mismatch; sweep: voltage change).", DefaultValueFactory = _ => 1e-8 };
        var maxIterations = new Option<int?>("--max-iterations") { Description = "Iteration limit (default 20 for NR, 100 for the sweep)." };
        var flat = new Option<bool>("--flat-start") { Description = "Start from 1 p.u. at load buses instead of the case's values." };
        var threads = new Option<int?>("--threads") { Description = "Worker threads for a time series (default: all cores)." };
        var phases = CommonOptions.Choice("--phases", "auto: three-phase when the network is a three-phase one (IEEE European LV folder) and refused when it has asymmetric elements a balanced model would hide; 3: three-phase; 1: balanced, stated in the output.", "auto", "auto", "1", "3");
        var minute = new Option<int?>("--minute") { Description = "Three-phase networks with load profiles (IEEE European LV): solve the loads of minute N (1-based; minute 1 is the first row)." };
        var timeSeries = new Option<bool>("--time-series") { Description = "Three-phase networks with load profiles: solve every minute (or --from..--to) with the structure prepared once." };
        var from = new Option<int?>("--from") { Description = "With --time-series: the first minute (default 1)." };
        var to = new Option<int?>("--to") { Description = "With --time-series: the last minute (default: the profiles' last)." };
        var output = CommonOptions.OutputFolder("With --time-series: a folder for pf3_steps.csv (per minute: per-phase min/max |V|, VUF max, losses).");
        var command = new Command("pf", "Run an AC power flow (Newton-Raphson or backward/forward sweep) and report voltages, flows, losses and violations; three-phase networks are solved per phase.")
        {
            file, algorithm, format, loads, tolerance, maxIterations, flat, threads, phases, minute, timeSeries, from, to, output,
        };
        command.SetAction(parse =>
        {
            var tol = parse.GetValue(tolerance);
            if (!(tol > 0 && tol < 1))
            {
                context.Error.WriteLine($"lem: --tolerance must be between 0 and 1 p.u., not {tol.ToString(CultureInfo.InvariantCulture)}.");
                return ExitCodes.Usage;
            }

            var maxIt = parse.GetValue(maxIterations);
            if (maxIt is < 1 or > 10_000)
            {
                context.Error.WriteLine($"lem: --max-iterations must be between 1 and 10000, not {maxIt}.");
                return ExitCodes.Usage;
            }

            var threadCount = parse.GetValue(threads);
            if (threadCount is < 1 or > 1024)
            {
                context.Error.WriteLine($"lem: --threads must be between 1 and 1024, not {threadCount}.");
                return ExitCodes.Usage;
            }

            var path = parse.GetValue(file)!;
            var phaseChoice = parse.GetValue(phases)!;
            var threePhaseOnly = new (string Name, bool Given)[]
            {
                ("--minute", parse.GetValue(minute) is not null), ("--time-series", parse.GetValue(timeSeries)), ("--from", parse.GetValue(from) is not null),
                ("--to", parse.GetValue(to) is not null), ("--out", parse.GetValue(output) is not null),
            };
            var importer = phaseChoice == "1" ? null : ThreePhaseImporters.Find(path);

            if (importer is not null)
            {
                if (!parse.GetValue(timeSeries) && (parse.GetValue(from) is not null || parse.GetValue(to) is not null || parse.GetValue(output) is not null))
                {
                    context.Error.WriteLine("lem: --from, --to and --out go with --time-series.");
                    return ExitCodes.Usage;
                }

                if (parse.GetValue(timeSeries) && parse.GetValue(minute) is not null)
                {
                    context.Error.WriteLine("lem: --minute solves one minute and --time-series all of them (or --from..--to); give one.");
                    return ExitCodes.Usage;
                }

                if (parse.GetValue(loads) is not null)
                {
                    context.Error.WriteLine("lem: --loads is for balanced networks; a three-phase network's load profiles come with it (--minute, --time-series).");
                    return ExitCodes.Usage;
                }

                var options3 = new ThreePhasePowerFlowOptions
                {
                    Algorithm = parse.GetValue(algorithm) switch { "nr" => ThreePhaseAlgorithm.NewtonRaphson, "bfs" => ThreePhaseAlgorithm.BackwardForwardSweep, _ => ThreePhaseAlgorithm.Auto },
                    TolerancePu = tol,
                    MaxIterations = maxIt ?? ThreePhasePowerFlowOptions.Default.MaxIterations,
                };
                return PfThreePhase.Run(context, importer, new PfThreePhase.Settings(path, parse.GetValue(format)!, options3, parse.GetValue(minute), parse.GetValue(timeSeries), parse.GetValue(from), parse.GetValue(to), parse.GetValue(output)));
            }

            if (threePhaseOnly.FirstOrDefault(o => o.Given) is { Name: { } option })
            {
                context.Error.WriteLine($"lem: {option} applies to three-phase networks with load profiles (an IEEE European LV folder); '{path}' is not one.");
                return ExitCodes.Usage;
            }

            if (phaseChoice == "3")
            {
                var formats = string.Join("; ", ThreePhaseImporters.All.Select(i => $"{i.Name}: {i.Description}"));
                ErrorPrinter.Print(context, parse.GetValue(format)!, path, [new ValidationError(Path.GetFileName(path), "pf.not_three_phase", $"--phases 3: no three-phase reader recognises '{path}'. Three-phase formats: {formats}.")]);
                return ExitCodes.InvalidInput;
            }

            var options = new PowerFlowOptions
            {
                Algorithm = parse.GetValue(algorithm) switch { "nr" => PowerFlowAlgorithm.NewtonRaphson, "bfs" => PowerFlowAlgorithm.BackwardForwardSweep, _ => PowerFlowAlgorithm.Auto },
                TolerancePu = tol,
                MaxIterationsNewton = maxIt ?? PowerFlowOptions.Default.MaxIterationsNewton,
                MaxIterationsSweep = maxIt ?? PowerFlowOptions.Default.MaxIterationsSweep,
                FlatStart = parse.GetValue(flat),
            };
            return Run(context, path, options, parse.GetValue(format)!, parse.GetValue(loads), threadCount, phaseChoice == "1");
        });
        return command;
    }

    private static int Run(CliContext context, string path, PowerFlowOptions options, string format, string? loadsPath, int? threads, bool balancedChosen)
    {
        var network = CheckedNetworkImport.Import(path, out var errors, out var asymmetric);
        if (network is null && balancedChosen && ThreePhaseImporters.Find(path) is { } threePhase)
        {
            context.Error.WriteLine($"lem: --phases 1: '{path}' is a three-phase network ({threePhase.Name}); it has no balanced model. Use --phases 3 or auto.");
            return ExitCodes.Usage;
        }

        if (network is null)
        {
            return Fail(context, format, path, errors);
        }

        // Never a balanced result of an asymmetric network without saying so (docs/three-phase.md): refused unless --phases 1.
        if (asymmetric > 0 && !balancedChosen)
        {
            return Fail(context, format, path, [new ValidationError(Path.GetFileName(path), "pf.asymmetric", $"The network has {asymmetric} asymmetric element(s) (asymmetric_load, asymmetric_sgen); a balanced power flow would hide their phase imbalance, and no registered three-phase reader accepts this file. Pass --phases 1 to solve it balanced anyway (the output says so).")]);
        }

        var balancedNote = asymmetric > 0
            ? $"--phases 1: balanced power flow of a network with {asymmetric} asymmetric element(s); asymmetric loads are the sums of their phases, asymmetric static generators are ignored, phase imbalance is not modelled."
            : null;

        var model = PowerFlowModel.Build(NetworkIndex.Build(network));
        var algorithm = AcPowerFlow.Resolve(model, options.Algorithm);
        if (algorithm == PowerFlowAlgorithm.BackwardForwardSweep && !model.SweepApplicable)
        {
            return Fail(context, format, path, [new Domain.Validation.ValidationError(Path.GetFileName(path), "pf.not_radial", "The backward/forward sweep needs a radial network with one slack bus; this network is meshed or has several slacks. Use --algorithm nr or auto.")]);
        }

        if (loadsPath is not null)
        {
            if (balancedNote is not null)
            {
                context.Error.WriteLine($"lem: {balancedNote}");
            }

            return RunSeries(context, path, model, options, format, loadsPath, threads);
        }

        var result = AcPowerFlow.Run(model, options);
        if (format == "json")
        {
            WriteJson(context, path, result, balancedNote);
        }
        else
        {
            WriteText(context, path, network.Name, result);
            if (balancedNote is not null)
            {
                context.Console.MarkupLine($"[yellow]{Markup.Escape(balancedNote)}[/]");
            }
        }

        return result.Converged ? ExitCodes.Ok : ExitCodes.InvalidInput;
    }

    private static int RunSeries(CliContext context, string path, PowerFlowModel model, PowerFlowOptions options, string format, string loadsPath, int? threads)
    {
        var read = LoadProfile.ReadCsv(loadsPath);
        if (read.Profile is null || read.Errors.Count > 0)
        {
            return Fail(context, format, loadsPath, read.Errors);
        }

        var profileErrors = read.Profile.Validate(model.Index.Network);
        if (profileErrors.Count > 0)
        {
            return Fail(context, format, loadsPath, profileErrors);
        }

        TimeSeriesResult series;
        using (var display = ProgressDisplay.Start(context))
        {
            series = PowerFlowTimeSeries.Run(model, read.Profile, options, AcPowerFlow.CreateSolver, threads, display.Sink);
        }

        var converged = series.Steps.All(s => s.Status == PowerFlowStatus.Converged);
        if (format == "json")
        {
            Json.Write(context.Out, new PowerFlowSeriesJson(
                path,
                loadsPath,
                AlgorithmName(AcPowerFlow.Resolve(model, options.Algorithm)),
                converged,
                series.Steps.Count,
                series.TotalSeconds,
                series.Steps.Count == 0 ? 0 : series.TotalSeconds * 1000 / series.Steps.Count,
                [.. series.Steps.Select(s => new PowerFlowStepJson(s.Step, s.Status == PowerFlowStatus.Converged, StatusName(s.Status), s.Iterations, s.VmMinPu, s.VmMinBus.Value, s.LossesMw, s.TransformerNoLoadLossesMw, s.ShuntLossesMw, s.TotalLossesMw))]));
        }
        else
        {
            var c = context.Console;
            c.Write(new Rule($"[bold]Power-flow time series[/]: {Markup.Escape(Path.GetFileName(path))} × {Markup.Escape(Path.GetFileName(loadsPath))}").LeftJustified());
            var steps = series.Steps;
            var t = new Table().Border(TableBorder.Rounded).AddColumn("Quantity").AddColumn(new TableColumn("Value").RightAligned());
            t.AddRow("Algorithm", AlgorithmName(AcPowerFlow.Resolve(model, options.Algorithm)));
            t.AddRow("Steps (converged)", $"{steps.Count} ({steps.Count(s => s.Status == PowerFlowStatus.Converged)})");
            t.AddRow("Total time", $"{F(series.TotalSeconds, "0.000")} s ({F(series.TotalSeconds * 1000 / Math.Max(1, steps.Count), "0.000")} ms per step)");
            if (steps.Count > 0)
            {
                var worst = steps.MinBy(s => s.VmMinPu)!;
                t.AddRow("Lowest voltage", $"{F(worst.VmMinPu, "0.000000")} p.u. at bus {worst.VmMinBus} in step {worst.Step}");
                t.AddRow("Losses (min / mean / max)", $"{F(steps.Min(s => s.TotalLossesMw), "0.000000")} / {F(steps.Average(s => s.TotalLossesMw), "0.000000")} / {F(steps.Max(s => s.TotalLossesMw), "0.000000")} MW");
                t.AddRow("Mean series / transformer no-load / shunt losses", $"{F(steps.Average(s => s.LossesMw), "0.000000")} / {F(steps.Average(s => s.TransformerNoLoadLossesMw), "0.000000")} / {F(steps.Average(s => s.ShuntLossesMw), "0.000000")} MW");
                t.AddRow("Iterations (mean / max)", $"{F(steps.Average(s => s.Iterations), "0.0")} / {steps.Max(s => s.Iterations)}");
            }

            c.Write(t);
            foreach (var s in steps.Where(s => s.Status != PowerFlowStatus.Converged).Take(10))
            {
                c.MarkupLine($"[red]step {s.Step}: {StatusName(s.Status)} after {s.Iterations} iterations[/]");
            }
        }

        return converged ? ExitCodes.Ok : ExitCodes.InvalidInput;
    }

    private static int Fail(CliContext context, string format, string path, IReadOnlyList<Domain.Validation.ValidationError> errors)
    {
        ErrorPrinter.Print(context, format, path, errors);
        return ExitCodes.InvalidInput;
    }

    private static string F(double v, string f) => v.ToString(f, CultureInfo.InvariantCulture);

    /// <summary>The JSON name of an algorithm.</summary>
    public static string AlgorithmName(PowerFlowAlgorithm a) => a switch
    {
        PowerFlowAlgorithm.NewtonRaphson => "nr",
        PowerFlowAlgorithm.BackwardForwardSweep => "bfs",
        _ => "auto",
    };

    private static string StatusName(PowerFlowStatus s) => s switch
    {
        PowerFlowStatus.Converged => "converged",
        PowerFlowStatus.IterationLimit => "iteration_limit",
        PowerFlowStatus.Diverged => "diverged",
        PowerFlowStatus.Singular => "singular",
        _ => "not_applicable",
    };

    private static void WriteJson(CliContext context, string path, PowerFlowResult r, string? balancedNote) => Json.Write(context.Out, new PowerFlowJson(
        path,
        r.Converged,
        StatusName(r.Status),
        AlgorithmName(r.Algorithm),
        r.Iterations,
        r.MaxMismatchMw,
        r.LossesMw,
        r.LossesMvar,
        r.VmMinPu,
        r.VmMinBus.Value,
        r.VmMaxPu,
        r.VmMaxBus.Value,
        r.SlackPMw,
        r.SlackQMvar,
        r.ElapsedMs,
        [.. r.Buses.Select(b => new PowerFlowBusJson(b.Id.Value, b.VmPu, b.VaDegree, b.PInjectionMw, b.QInjectionMvar))],
        [.. r.Branches.Select(PowerFlowBranchJson.Of)],
        [.. r.Violations.Select(v => new PowerFlowViolationJson(ViolationKindNames.Of(v.Kind), v.ElementId, v.Value, v.Limit))],
        r.TransformerNoLoadLossesMw,
        r.ShuntLossesMw,
        r.TotalLossesMw)
    {
        Phases = 1,
        BalancedNote = balancedNote,
    });

    private static void WriteText(CliContext context, string path, string name, PowerFlowResult r)
    {
        var c = context.Console;
        c.Write(new Rule($"[bold]AC power flow[/]: {Markup.Escape(name)} ({Markup.Escape(Path.GetFileName(path))})").LeftJustified());
        var status = r.Converged ? "[green]converged[/]" : $"[red]{StatusName(r.Status)}[/]";
        c.MarkupLine($"{status} with {(r.Algorithm == PowerFlowAlgorithm.NewtonRaphson ? "Newton-Raphson" : "backward/forward sweep")} in {r.Iterations} iterations, final mismatch {F(r.MaxMismatchMw, "0.0e+0")} MW, {F(r.ElapsedMs, "0.00")} ms");
        var t = new Table().Border(TableBorder.Rounded).AddColumn("Quantity").AddColumn(new TableColumn("Value").RightAligned());
        t.AddRow("Buses / branches", $"{r.Buses.Count} / {r.Branches.Count}");
        t.AddRow("Slack generation", $"{F(r.SlackPMw, "0.000###")} MW, {F(r.SlackQMvar, "0.000###")} Mvar");
        t.AddRow("Series losses", $"{F(r.LossesMw, "0.000###")} MW, {F(r.LossesMvar, "0.000###")} Mvar");
        t.AddRow("Transformer no-load losses", $"{F(r.TransformerNoLoadLossesMw, "0.000###")} MW");
        t.AddRow("Shunt losses", $"{F(r.ShuntLossesMw, "0.000###")} MW");
        t.AddRow("Total losses", $"{F(r.TotalLossesMw, "0.000###")} MW");
        t.AddRow("Lowest voltage", $"{F(r.VmMinPu, "0.000000")} p.u. at bus {r.VmMinBus}");
        t.AddRow("Highest voltage", $"{F(r.VmMaxPu, "0.000000")} p.u. at bus {r.VmMaxBus}");
        var loaded = r.Branches.MaxBy(b => b.LoadingPercent);
        if (loaded is not null && loaded.LoadingPercent > 0)
        {
            t.AddRow("Most loaded branch", $"{Markup.Escape(loaded.Id)} ({loaded.From}–{loaded.To}) at {F(loaded.LoadingPercent, "0.0")} %");
        }

        t.AddRow("Violations", r.Violations.Count.ToString(CultureInfo.InvariantCulture));
        c.Write(t);

        var low = new Table().Border(TableBorder.Rounded).Title("Lowest voltages").AddColumn("Bus").AddColumn(new TableColumn("Vm (p.u.)").RightAligned()).AddColumn(new TableColumn("Va (°)").RightAligned());
        foreach (var b in r.Buses.OrderBy(b => b.VmPu).Take(5))
        {
            low.AddRow(Markup.Escape(b.Id.Value), F(b.VmPu, "0.000000"), F(b.VaDegree, "0.0000"));
        }

        var flows = new Table().Border(TableBorder.Rounded).Title("Largest flows").AddColumn("Branch").AddColumn("From–to").AddColumn(new TableColumn("P (MW)").RightAligned()).AddColumn(new TableColumn("Q (Mvar)").RightAligned()).AddColumn(new TableColumn("Loss (MW)").RightAligned()).AddColumn(new TableColumn("Loading").RightAligned());
        foreach (var b in r.Branches.OrderByDescending(b => Math.Abs(b.PFromMw)).Take(5))
        {
            flows.AddRow(Markup.Escape(b.Id), $"{b.From}–{b.To}", F(b.PFromMw, "0.0000"), F(b.QFromMvar, "0.0000"), F(b.LossMw, "0.000000"), b.LoadingPercent > 0 ? F(b.LoadingPercent, "0.0") + " %" : "–");
        }

        c.Write(new Columns(low, flows) { Expand = false });
        foreach (var v in r.Violations.Take(10))
        {
            c.MarkupLine($"[yellow]{v.Kind}[/] at {Markup.Escape(v.ElementId)}: {F(v.Value, "0.0000")} (limit {F(v.Limit, "0.0000")})");
        }

        if (r.Violations.Count > 10)
        {
            c.MarkupLine($"… and {r.Violations.Count - 10} more violations (see --format json).");
        }
    }
}
