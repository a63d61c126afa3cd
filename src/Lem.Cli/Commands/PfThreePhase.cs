using Lem.Cli.Progress;
using Lem.Grid.ThreePhase;
using Lem.Grid.ThreePhase.Import;
using Lem.Grid.ThreePhase.PowerFlow;
using Lem.Grid.ThreePhase.TimeSeries;

namespace Lem.Cli.Commands;

/// <summary>
/// The three-phase branch of <c>lem pf</c> (docs/three-phase.md, "lem pf on three phases"): a network a registered
/// three-phase format recognises is solved per phase, one snapshot (optionally of one <c>--minute</c>) or, with
/// <c>--time-series</c>, every step of its load profiles with the structure prepared once.
/// </summary>
internal static class PfThreePhase
{
    private static readonly NumericIdConverter IdConverter = new();

    /// <summary>The settings of a three-phase run.</summary>
    /// <param name="Path">The network file or folder.</param>
    /// <param name="Format">text or json.</param>
    /// <param name="Options">The power-flow options.</param>
    /// <param name="Step">--minute, when given.</param>
    /// <param name="TimeSeries">--time-series.</param>
    /// <param name="From">--from, when given.</param>
    /// <param name="To">--to, when given.</param>
    /// <param name="Out">--out, when given.</param>
    internal sealed record Settings(string Path, string Format, ThreePhasePowerFlowOptions Options, int? Step, bool TimeSeries, int? From, int? To, string? Out);

    /// <summary>Reads the network with <paramref name="importer"/> and solves it on three phases.</summary>
    public static int Run(CliContext context, IThreePhaseNetworkImporter importer, Settings s)
    {
        var read = importer.Read(s.Path, new ThreePhaseImportOptions { Step = s.TimeSeries ? null : s.Step });
        if (read.Network is not { } network || read.Errors.Count > 0)
        {
            // A minute out of range is the command line's mistake: name the option.
            var errors = read.Errors.Select(e => e.Path == "minute" ? e with { Path = "--minute" } : e).ToList();
            ErrorPrinter.Print(context, s.Format, s.Path, errors);
            return errors.Any(e => e.Path == "--minute") ? ExitCodes.Usage : ExitCodes.InvalidInput;
        }

        if ((s.Step is not null || s.TimeSeries) && read.LoadSeries is null)
        {
            context.Error.WriteLine($"lem: --minute and --time-series need a network with load profiles; the {importer.Name} format has none.");
            return ExitCodes.Usage;
        }

        if (s.TimeSeries)
        {
            return RunSeries(context, importer, network, read.LoadSeries!, s);
        }

        var result = ThreePhasePowerFlow.Solve(network, s.Options);
        s = s with { Step = s.Step ?? (read.LoadSeries is null ? null : 1) };
        if (s.Format == "json")
        {
            WriteJson(context, s, importer, network, result);
        }
        else
        {
            WriteText(context, s, importer, network, result);
        }

        return result.Converged ? ExitCodes.Ok : ExitCodes.InvalidInput;
    }

    private static int RunSeries(CliContext context, IThreePhaseNetworkImporter importer, ThreePhaseNetwork network, ThreePhaseLoadSeries series, Settings s)
    {
        var from = s.From ?? 1;
        var to = s.To ?? series.Steps;
        if (from < 1 || to > series.Steps || from > to)
        {
            context.Error.WriteLine($"lem: --from and --to must satisfy 1 ≤ --from ≤ --to ≤ {series.Steps} (the {series.StepName}s of the profiles), not {from} and {to}.");
            return ExitCodes.Usage;
        }

        ThreePhaseTimeSeriesResult result;
        try
        {
            using var display = ProgressDisplay.Start(context);
            result = Solve(network, series, from, to, s.Options);
        }
        catch (ArgumentException ex)
        {
            ErrorPrinter.Print(context, s.Format, s.Path, [new ValidationError(System.IO.Path.GetFileName(s.Path), "pf.not_solvable", ex.Message)]);
            return ExitCodes.InvalidInput;
        }

        string? csv = null;
        if (s.Out is not null)
        {
            Directory.CreateDirectory(s.Out);
            csv = System.IO.Path.Combine(s.Out, "pf3_steps.csv");
            WriteCsv(csv, series.StepName, result.Steps);
        }

        var steps = result.Steps;
        var converged = steps.All(x => x.Converged);
        if (s.Format == "json")
        {
            Json.Write(context.Out, w =>
            {
                w.WriteStartObject();
                w.WriteString("file", s.Path);
                w.WriteNumber("phases", 3);
                w.WriteString("network_format", importer.Name);
                w.WriteBoolean("converged", converged);
                w.WriteString("step_name", series.StepName);
                w.WriteNumber("from", from);
                w.WriteNumber("to", to);
                w.WriteNumber("steps", steps.Count);
                w.WriteNumber("total_s", Math.Round(result.TotalSeconds, 6));
                w.WriteNumber("ms_per_step", Math.Round(result.TotalSeconds * 1000 / steps.Count, 6));
                w.WriteStringOrNull("csv", csv);
                w.WriteStartArray("series");
                foreach (var x in steps)
                {
                    w.WriteStartObject();
                    w.WriteNumber("step", x.Step);
                    w.WriteBoolean("converged", x.Converged);
                    w.WriteNumber("iterations", x.Iterations);
                    for (var k = 0; k < 3; k++)
                    {
                        w.WriteNumber($"vm_min_{PhaseName(k)}_pu", x.MinVoltagePu[k]);
                        w.WriteNumber($"vm_max_{PhaseName(k)}_pu", x.MaxVoltagePu[k]);
                    }

                    w.WriteNumber("vuf_max_percent", x.MaxUnbalancePercent);
                    w.WriteNumber("losses_kw", x.LossesKw);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            });
        }
        else
        {
            var c = context.Console;
            c.Write(new Rule($"[bold]Three-phase power-flow time series[/]: {Markup.Escape(network.Name)}, {series.StepName}s {from}–{to}").LeftJustified());
            var t = new Table().Border(TableBorder.Rounded).AddColumn("Quantity").AddColumn(new TableColumn("Value").RightAligned());
            t.AddRow("Steps (converged)", $"{steps.Count} ({steps.Count(x => x.Converged)})");
            t.AddRow("Total time", $"{F(result.TotalSeconds, "0.000")} s ({F(result.TotalSeconds * 1000 / steps.Count, "0.000")} ms per step, structure prepared once)");
            for (var k = 0; k < 3; k++)
            {
                var phase = k;
                var low = steps.MinBy(x => x.MinVoltagePu[phase])!;
                var high = steps.MaxBy(x => x.MaxVoltagePu[phase])!;
                t.AddRow($"Phase {PhaseName(k)}: lowest / highest voltage", $"{F(low.MinVoltagePu[phase], "0.0000")} pu (bus {Markup.Escape(low.MinVoltageBus[phase].Value)}, {series.StepName} {low.Step}) / {F(high.MaxVoltagePu[phase], "0.0000")} pu ({series.StepName} {high.Step})");
            }

            var vuf = steps.MaxBy(x => x.MaxUnbalancePercent)!;
            t.AddRow("Largest voltage unbalance (VUF)", $"{F(vuf.MaxUnbalancePercent, "0.000")} % at bus {Markup.Escape(vuf.MaxUnbalanceBus.Value)}, {series.StepName} {vuf.Step}");
            t.AddRow("Losses (min / mean / max)", $"{F(steps.Min(x => x.LossesKw), "0.000")} / {F(steps.Average(x => x.LossesKw), "0.000")} / {F(steps.Max(x => x.LossesKw), "0.000")} kW");
            t.AddRow("Iterations (mean / max)", $"{F(steps.Average(x => x.Iterations), "0.0")} / {steps.Max(x => x.Iterations)}");
            if (csv is not null)
            {
                t.AddRow("Steps written to", Markup.Escape(csv));
            }

            c.Write(t);
            foreach (var x in steps.Where(x => !x.Converged).Take(10))
            {
                c.MarkupLine($"[red]{series.StepName} {x.Step}: not converged after {x.Iterations} iterations[/]");
            }
        }

        return converged ? ExitCodes.Ok : ExitCodes.InvalidInput;
    }

    /// <summary>
    /// Solves steps <paramref name="from"/>..<paramref name="to"/> with the network prepared once (admittance matrix
    /// factorised once, each step warm-started from the previous one): the Z-bus fixed point, or Newton–Raphson with
    /// <c>--algorithm nr</c> (docs/three-phase.md, "Time series").
    /// </summary>
    /// <exception cref="ArgumentException">When the network cannot be prepared.</exception>
    public static ThreePhaseTimeSeriesResult Solve(ThreePhaseNetwork network, ThreePhaseLoadSeries series, int from, int to, ThreePhasePowerFlowOptions options)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var prepared = ThreePhasePowerFlow.Prepare(network, options);
        var result = ThreePhaseTimeSeries.Run(from, to, series.LoadsAt, prepared);
        return result with { TotalSeconds = clock.Elapsed.TotalSeconds };
    }

    /// <summary>Writes one row per step: the step, convergence, iterations, per-phase min/max |V| in pu, the worst bus per phase, VUF max, losses.</summary>
    public static void WriteCsv(string path, string stepName, IReadOnlyList<ThreePhaseStepSummary> steps)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        writer.WriteLine($"{stepName},converged,iterations,vm_min_a_pu,vm_min_b_pu,vm_min_c_pu,vm_min_a_bus,vm_min_b_bus,vm_min_c_bus,vm_max_a_pu,vm_max_b_pu,vm_max_c_pu,vuf_max_percent,vuf_max_bus,losses_kw");
        foreach (var x in steps)
        {
            writer.WriteLine(string.Join(
                ',',
                x.Step.ToString(CultureInfo.InvariantCulture),
                x.Converged ? "true" : "false",
                x.Iterations.ToString(CultureInfo.InvariantCulture),
                R(x.MinVoltagePu[0]),
                R(x.MinVoltagePu[1]),
                R(x.MinVoltagePu[2]),
                x.MinVoltageBus[0].Value,
                x.MinVoltageBus[1].Value,
                x.MinVoltageBus[2].Value,
                R(x.MaxVoltagePu[0]),
                R(x.MaxVoltagePu[1]),
                R(x.MaxVoltagePu[2]),
                R(x.MaxUnbalancePercent),
                x.MaxUnbalanceBus.Value,
                R(x.LossesKw)));
        }
    }

    private static void WriteJson(CliContext context, Settings s, IThreePhaseNetworkImporter importer, ThreePhaseNetwork network, ThreePhasePowerFlowResult r) => Json.Write(context.Out, w =>
    {
        w.WriteStartObject();
        w.WriteString("file", s.Path);
        w.WriteString("network", network.Name);
        w.WriteString("network_format", importer.Name);
        w.WriteNumber("phases", 3);
        w.WriteNumberOrNull("minute", s.Step);
        w.WriteBoolean("converged", r.Converged);
        w.WriteNumber("iterations", r.Iterations);
        w.WriteString("algorithm", r.Algorithm switch { ThreePhaseAlgorithm.BackwardForwardSweep => "bfs", ThreePhaseAlgorithm.ZBusFixedPoint => "zbus", _ => "nr" });
        w.WriteStringOrNull("message", r.Message);
        w.WriteNumber("losses_kw", r.LossesKw);
        w.WriteNumber("losses_kvar", r.LossesKvar);
        w.WriteStartArray("buses");
        foreach (var b in r.Buses)
        {
            w.WriteStartObject();
            WriteId(w, b.Id.Value);
            w.WriteStartArray("phases");
            foreach (var p in b.Phases)
            {
                w.WriteStartObject();
                w.WriteString("phase", PhaseName((int)p.Phase));
                w.WriteNumber("vm_v", p.MagnitudeV);
                w.WriteNumber("vm_pu", p.MagnitudePu);
                w.WriteNumber("va_degree", p.AngleDegree);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteNumber("vuf_percent", b.VoltageUnbalancePercent);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("branches");
        foreach (var b in r.Branches)
        {
            w.WriteStartObject();
            WriteId(w, b.Id);
            w.WriteBoolean("is_transformer", b.IsTransformer);
            w.WriteStartArray("phases");
            foreach (var p in b.Phases)
            {
                w.WriteStartObject();
                w.WriteString("phase", PhaseName((int)p.Phase));
                w.WriteNumber("i_a", p.CurrentA);
                w.WriteNumber("p_kw", p.PowerKw);
                w.WriteNumber("q_kvar", p.ReactivePowerKvar);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteNumberOrNull("loading_percent", b.LoadingPercent);
            w.WriteNumberOrNull("neutral_i_a", b.NeutralCurrentA);
            w.WriteNumber("losses_kw", b.LossesKw);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    private static void WriteText(CliContext context, Settings s, IThreePhaseNetworkImporter importer, ThreePhaseNetwork network, ThreePhasePowerFlowResult r)
    {
        var c = context.Console;
        var minute = s.Step is { } m ? $", minute {m}" : string.Empty;
        c.Write(new Rule($"[bold]Three-phase power flow[/]: {Markup.Escape(network.Name)} ({Markup.Escape(importer.Name)}{minute})").LeftJustified());
        var status = r.Converged ? "[green]converged[/]" : "[red]not converged[/]";
        c.MarkupLine($"{status} with {r.Algorithm switch { ThreePhaseAlgorithm.BackwardForwardSweep => "backward/forward sweep", ThreePhaseAlgorithm.ZBusFixedPoint => "Z-bus fixed point", _ => "Newton-Raphson (current injection, phase frame)" }} in {r.Iterations} iterations{(r.Message is null ? string.Empty : ": " + Markup.Escape(r.Message))}");
        var t = new Table().Border(TableBorder.Rounded).AddColumn("Quantity").AddColumn(new TableColumn("Value").RightAligned());
        t.AddRow("Buses / branches / loads", $"{r.Buses.Count} / {r.Branches.Count} / {network.Loads.Count}");
        t.AddRow("Losses", $"{F(r.LossesKw, "0.000")} kW, {F(r.LossesKvar, "0.000")} kvar");
        var voltages = r.Buses.SelectMany(b => b.Phases.Select(p => (Bus: b.Id, Voltage: p))).ToList();
        for (var k = 0; k < 3; k++)
        {
            var phase = (Phase)k;
            var onPhase = voltages.Where(v => v.Voltage.Phase == phase).ToList();
            if (onPhase.Count == 0)
            {
                continue;
            }

            var low = onPhase.MinBy(v => v.Voltage.MagnitudePu);
            var high = onPhase.MaxBy(v => v.Voltage.MagnitudePu);
            t.AddRow($"Phase {PhaseName(k)}: lowest / highest", $"{F(low.Voltage.MagnitudePu, "0.0000")} pu at bus {Markup.Escape(low.Bus.Value)} / {F(high.Voltage.MagnitudePu, "0.0000")} pu at bus {Markup.Escape(high.Bus.Value)}");
        }

        if (r.Buses.Count > 0)
        {
            var vuf = r.Buses.MaxBy(b => b.VoltageUnbalancePercent)!;
            var over = r.Buses.Count(b => b.VoltageUnbalancePercent > 2.0);
            t.AddRow("Largest voltage unbalance (VUF)", $"{F(vuf.VoltageUnbalancePercent, "0.000")} % at bus {Markup.Escape(vuf.Id.Value)} ({over} buses above 2 %, EN 50160)");
        }

        c.Write(t);
        var worst = new Table().Border(TableBorder.Rounded).Title("Lowest phase voltages").AddColumn("Bus").AddColumn("Phase").AddColumn(new TableColumn("|V| (V)").RightAligned()).AddColumn(new TableColumn("pu").RightAligned()).AddColumn(new TableColumn("Angle (°)").RightAligned()).AddColumn(new TableColumn("VUF (%)").RightAligned());
        var unbalance = r.Buses.ToDictionary(b => b.Id, b => b.VoltageUnbalancePercent);
        foreach (var (bus, v) in voltages.OrderBy(v => v.Voltage.MagnitudePu).ThenBy(v => v.Bus).ThenBy(v => v.Voltage.Phase).Take(8))
        {
            worst.AddRow(Markup.Escape(bus.Value), PhaseName((int)v.Phase), F(v.MagnitudeV, "0.000"), F(v.MagnitudePu, "0.0000"), F(v.AngleDegree, "0.00"), F(unbalance[bus], "0.000"));
        }

        var flows = new Table().Border(TableBorder.Rounded).Title("Largest branch currents").AddColumn("Branch").AddColumn(new TableColumn("I a / b / c (A)").RightAligned()).AddColumn(new TableColumn("P a / b / c (kW)").RightAligned()).AddColumn(new TableColumn("Loading").RightAligned());
        foreach (var b in r.Branches.OrderByDescending(b => b.Phases.Count == 0 ? 0 : b.Phases.Max(p => p.CurrentA)).ThenBy(b => b.Id, StringComparer.Ordinal).Take(5))
        {
            flows.AddRow(Markup.Escape(b.Id), string.Join(" / ", b.Phases.Select(p => F(p.CurrentA, "0.00"))), string.Join(" / ", b.Phases.Select(p => F(p.PowerKw, "0.000"))), b.LoadingPercent is { } l ? F(l, "0.0") + " %" : "–");
        }

        c.Write(new Columns(worst, flows) { Expand = false });
    }

    // Integer ids as numbers, others as strings, like the balanced output's ids.
    private static void WriteId(Utf8JsonWriter w, string id)
    {
        w.WritePropertyName("id");
        IdConverter.Write(w, id, JsonSerializerOptions.Default);
    }

    private static string PhaseName(int k) => k switch { 0 => "a", 1 => "b", _ => "c" };

    private static string F(double v, string f) => v.ToString(f, CultureInfo.InvariantCulture);

    private static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
