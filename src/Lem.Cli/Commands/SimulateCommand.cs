using Lem.Cli.Progress;
using Lem.Simulation.Agents;
using Lem.Simulation.Days;
using Lem.Simulation.Forecasts;
using Lem.Simulation.Intraday;
using Lem.Simulation.Outputs;

namespace Lem.Cli.Commands;

/// <summary>
/// <c>lem simulate &lt;scenario&gt; --days N …</c>: runs the market over days (docs/simulation.md): forecasts,
/// day-ahead bids, clearing with redispatch, intraday, delivery with the actual series and imbalance settlement, and
/// writes days.csv, slots.csv, participants.csv, summary.json and timings.csv.
/// </summary>
public static class SimulateCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var source = new Argument<string>("scenario") { Description = "A scenario whose horizon is whole market days (\"days\": 7), or another day source (docs/simulation.md#day-sources)." };
        var days = new Option<int>("--days") { Description = "Days to simulate from the first.", DefaultValueFactory = _ => 1 };
        var mechanism = new Option<string>("--mechanism") { Description = "The day-ahead mechanism: " + string.Join(", ", ClearingMechanisms.Names) + ".", DefaultValueFactory = _ => "pool" };
        var agents = new Option<string>("--agents") { Description = "The agents' strategy: " + string.Join(", ", AgentStrategies.Names) + ".", DefaultValueFactory = _ => "truthful" };
        var forecast = new Option<string>("--forecast") { Description = "The forecaster: " + string.Join(", ", Forecasters.Names) + ".", DefaultValueFactory = _ => "perfect" };
        var error = new Option<double>("--forecast-error") { Description = "The noisy forecaster's relative error level σ (0.1 = 10 %; half of it intraday).", DefaultValueFactory = _ => 0.1 };
        var intraday = new Option<string>("--intraday") { Description = "The intraday stage: " + string.Join(", ", IntradayMarkets.Names) + ".", DefaultValueFactory = _ => "none" };
        var redispatch = new Option<string>("--redispatch") { Description = "The DSO's redispatch: " + string.Join(", ", DayClearing.Names) + ".", DefaultValueFactory = _ => "none" };
        var strategic = new Option<string?>("--strategic") { Description = "Participants (ids, comma-separated) that bid strategically (Cournot best response, docs/agents.md#strategic) while the others bid as --agents says; --agents strategic makes everyone strategic." };
        var seed = new Option<ulong>("--seed") { Description = "The seed of forecasts, agents and intraday arrival; equal seeds give byte-identical files.", DefaultValueFactory = _ => 1UL };
        var output = CommonOptions.OutputFolder("A folder for days.csv, slots.csv, participants.csv, summary.json and timings.csv (created when missing).");
        var format = CommonOptions.Format();
        var command = new Command("simulate", "Run a market over days: forecasts, day-ahead bids, clearing and redispatch, intraday, delivery and imbalance settlement.")
        {
            source, days, mechanism, agents, strategic, forecast, error, intraday, redispatch, seed, output, format,
        };
        command.SetAction(parse => Run(
            context,
            parse.GetValue(source)!,
            parse.GetValue(output),
            parse.GetValue(format)!,
            new SimulateOptions(parse.GetValue(days), parse.GetValue(mechanism)!, parse.GetValue(agents)!, parse.GetValue(forecast)!, parse.GetValue(error), parse.GetValue(intraday)!, parse.GetValue(redispatch)!, parse.GetValue(seed)) { Strategic = parse.GetValue(strategic) }));
        return command;
    }

    private static int Run(CliContext context, string path, string? outDir, string format, SimulateOptions o)
    {
        var optionErrors = Simulator.CheckOptions(o.Mechanism, o.Agents, o.Forecast, o.ForecastError, o.Intraday, o.Redispatch, o.Days);
        var load = DaySources.Open(path);
        if (optionErrors.Count > 0 || !load.IsValid)
        {
            ErrorPrinter.Print(context, format, optionErrors.Count > 0 ? "lem simulate" : path, [.. optionErrors, .. load.Errors], load.Warnings);
            return optionErrors.Count > 0 ? ExitCodes.Usage : ExitCodes.InvalidInput;
        }

        var settings = new SimulationSettings(load.Source!, o.Days)
        {
            Mechanism = o.Mechanism,
            Agents = o.Agents,
            Forecast = o.Forecast,
            ForecastError = o.ForecastError,
            Intraday = o.Intraday,
            Redispatch = o.Redispatch,
            Seed = o.Seed,
            Strategic = o.Strategic is { } ids ? ids.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(id => ParticipantId.TryCreate(id, out _)).Select(id => new ParticipantId(id)).ToHashSet() : null,
        };
        var errors = Simulator.Check(settings).ToList();
        if (o.Strategic is { } given && given.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(id => !ParticipantId.TryCreate(id, out _)).ToList() is { Count: > 0 } invalid)
        {
            errors.Add(new ValidationError("--strategic", "simulate.invalid_participant", $"{string.Join(", ", invalid.Select(u => $"'{u}'"))} {(invalid.Count == 1 ? "is not a valid participant id" : "are not valid participant ids")}."));
        }

        if (errors.Count > 0)
        {
            ErrorPrinter.Print(context, format, "lem simulate", errors);
            return ExitCodes.Usage;
        }

        SimulationResult result;
        using (var display = ProgressDisplay.Start(context))
        {
            result = Simulator.Run(settings with { Clearing = ClearingOptions.Default with { Progress = display.Sink } }, display.Sink);
        }

        var files = outDir is null ? [] : SimulationFiles.Write(outDir, result);
        if (outDir is not null && ReportCommand.Write(context, outDir) is { } report)
        {
            files = [.. files, .. report.Files.Select(f => Path.Combine(outDir, f))];
        }
        if (format == "json")
        {
            context.Out.WriteLine(SimulationFiles.Summary(result, includeTimings: true));
            return ExitCodes.Ok;
        }

        WriteText(context, result, files);
        return ExitCodes.Ok;
    }

    private static void WriteText(CliContext context, SimulationResult r, IReadOnlyList<string> files)
    {
        var c = context.Console;
        var s = r.Settings;
        c.Write(new Rule($"[bold]{Markup.Escape(s.Source.Name)}[/]: {r.Days.Count} days, {Markup.Escape(s.Mechanism)}, {Markup.Escape(s.Agents)} agents, {Markup.Escape(s.Forecast)} forecast, intraday {Markup.Escape(s.Intraday)}, redispatch {Markup.Escape(s.Redispatch)}").LeftJustified());
        var table = new Table().Border(TableBorder.Rounded).AddColumn("Day")
            .AddColumn(new TableColumn("Welfare EUR").RightAligned())
            .AddColumn(new TableColumn("Bills EUR").RightAligned())
            .AddColumn(new TableColumn("Imbalance kWh").RightAligned())
            .AddColumn(new TableColumn("Imbalance EUR").RightAligned())
            .AddColumn(new TableColumn("Violations").RightAligned())
            .AddColumn(new TableColumn("Clearing s").RightAligned());
        foreach (var d in r.Days)
        {
            table.AddRow(
                d.DayAheadMarket.Horizon.Start.InZone(d.DayAheadMarket.Horizon.Zone).Date.ToString("uuuu-MM-dd", Inv),
                d.WelfareEur.ToString("0.00", Inv),
                d.Participants.Sum(p => p.BillEur).ToString("0.00", Inv),
                d.ImbalanceKwh.ToString("0.000", Inv),
                d.Participants.Sum(p => p.ImbalanceEur).ToString("0.00", Inv),
                $"{d.DayAhead.ViolationsBefore} → {d.DayAhead.ViolationsAfter}",
                d.ClearingSeconds.ToString("0.000", Inv));
        }

        c.Write(table);
        c.WriteLine(string.Create(Inv, $"Welfare {r.Days.Sum(d => d.WelfareEur):0.00} EUR, bills {r.Days.Sum(d => d.Participants.Sum(p => p.BillEur)):0.00} EUR, imbalance {r.Days.Sum(d => d.ImbalanceKwh):0.000} kWh; {r.WallSeconds:0.0} s."));
        foreach (var w in r.Days.SelectMany(d => d.Warnings).Take(10))
        {
            c.MarkupLine($"[yellow]warning[/]: {Markup.Escape(w)}");
        }

        foreach (var f in files)
        {
            c.WriteLine($"wrote {f}");
        }
    }
}
