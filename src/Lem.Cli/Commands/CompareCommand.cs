using Lem.Simulation.Compare;
using Lem.Simulation.Days;
using Lem.Simulation.Synthetic;

namespace Lem.Cli.Commands;

/// <summary>
/// <c>lem compare &lt;scenario&gt; --days N --mechanisms pool,community,exchange,p2p,auction,cda</c>: runs the same agents,
/// days and grid through each market design and writes compare.json, compare.csv, scaling.csv and compare.html
/// (docs/comparison.md). <c>auction</c> is the uniform-price call auction (registered as <c>uniform</c>).
/// </summary>
public static class CompareCommand
{
    /// <summary>Creates the command with the day loop as its runner.</summary>
    public static Command Create(CliContext context) => Create(context, DefaultRunner, DefaultOpen);

    /// <summary>Creates the command with a given simulation runner and day-source opener (tests pass fakes).</summary>
    public static Command Create(CliContext context, Func<SimulationSettings, SimulationResult> runner, Func<string, (IDaySource? Source, IReadOnlyList<ValidationError> Errors)> open)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(open);
        var scenario = new Argument<string>("scenario") { Description = "A scenario JSON file or a synthetic community file ({\"synthetic\": {...}})." };
        var days = new Option<int>("--days") { Description = "Days to simulate from day 0.", DefaultValueFactory = _ => 1 };
        days.Validators.Add(r =>
        {
            var v = r.GetValueOrDefault<int>();
            if (v < 1 || v > 366)
            {
                r.AddError($"--days must be between 1 and 366; it is {v.ToString(Inv)}.");
            }
        });
        var mechanisms = new Option<string>("--mechanisms") { Description = "Comma-separated designs (auction = the uniform-price call auction).", DefaultValueFactory = _ => string.Join(',', CompareDesigns.Default) };
        var agents = new Option<string>("--agents") { Description = "The agents' strategy (a registered name).", DefaultValueFactory = _ => "truthful" };
        var forecast = new Option<string>("--forecast") { Description = "The forecaster: perfect, persistence or noisy.", DefaultValueFactory = _ => "perfect" };
        var redispatch = new Option<string>("--redispatch") { Description = "The redispatch: none, iterative or bid-limits.", DefaultValueFactory = _ => "none" };
        var seed = new Option<ulong>("--seed") { Description = "The seed of every random choice.", DefaultValueFactory = _ => 1UL };
        var output = CommonOptions.OutputFolder("The folder for compare.json, compare.csv, scaling.csv and compare.html (created; default: compare-out).");
        var scaling = new Option<string>("--scaling") { Description = "Community sizes of the scaling run (synthetic communities, one day), comma-separated.", DefaultValueFactory = _ => "10,100,1000" };
        var noScaling = new Option<bool>("--no-scaling") { Description = "Skip the scaling run." };
        var grid = CommonOptions.Choice("--grid", "The grid formulation of every design that supports it (auto: each mechanism's own default; the others clear on copper plate and the note says so): auto, " + string.Join(", ", GridFormulations.Names) + ".", "auto", ["auto", .. GridFormulations.Names]);
        var limit = new Option<double>("--scaling-limit-seconds") { Description = "Skip a design at a size where its predicted time exceeds this.", DefaultValueFactory = _ => 120 };
        var command = new Command("compare", "Compare market designs on the same agents, days and grid: welfare, prices, bills, fairness, violations, time, messages, privacy, scaling.")
        {
            scenario, days, mechanisms, agents, forecast, redispatch, seed, output, scaling, noScaling, limit, grid,
        };
        command.SetAction(parse =>
        {
            var designs = Split(parse.GetValue(mechanisms));
            var errors = new List<ValidationError>(Comparison.Check(designs));
            List<int> sizes = [];
            if (!parse.GetValue(noScaling))
            {
                foreach (var s in Split(parse.GetValue(scaling)))
                {
                    if (int.TryParse(s, NumberStyles.None, Inv, out var n) && n is >= 1 and <= SyntheticSpec.MaxHouseholds)
                    {
                        sizes.Add(n);
                    }
                    else
                    {
                        errors.Add(new ValidationError("--scaling", ValidationCodes.ValueInvalid, $"'{s}' is not a community size between 1 and {SyntheticSpec.MaxHouseholds}."));
                    }
                }
            }

            var path = parse.GetValue(scenario)!;
            var (source, sourceErrors) = open(path);
            errors.AddRange(sourceErrors);
            if (errors.Count > 0 || source is null)
            {
                ErrorPrinter.Print(context, "text", path, errors);
                return ExitCodes.InvalidInput;
            }

            var settings = new SimulationSettings(source, parse.GetValue(days))
            {
                Agents = parse.GetValue(agents)!,
                Forecast = parse.GetValue(forecast)!,
                Redispatch = parse.GetValue(redispatch)!,
                Seed = parse.GetValue(seed),
                Formulation = parse.GetValue(grid)!,
            };
            var request = new CompareRequest(settings, designs) { ScalingSizes = sizes, ScalingLimitSeconds = parse.GetValue(limit) };
            var report = Comparison.Run(request, runner);
            var folder = parse.GetValue(output) ?? "compare-out";
            var files = CompareFiles.Write(report, folder);
            if (ReportCommand.Write(context, folder) is { } plots)
            {
                files = [.. files, .. plots.Files.Select(f => Path.Combine(folder, f))];
            }
            WriteText(context, report, files);
            return report.Designs.Count == 0 ? ExitCodes.InvalidInput : ExitCodes.Ok;
        });
        return command;
    }

    private static List<string> Split(string? list) =>
        [.. (list ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    /// <summary>The day loop (docs/simulation.md).</summary>
    private static SimulationResult DefaultRunner(SimulationSettings settings) => Simulator.Run(settings);

    /// <summary>Opens a scenario or a synthetic community through the day sources' readers.</summary>
    private static (IDaySource? Source, IReadOnlyList<ValidationError> Errors) DefaultOpen(string path)
    {
        var load = DaySources.Open(path);
        return (load.IsValid ? load.Source : null, load.Errors);
    }

    private static void WriteText(CliContext context, ComparisonReport report, IReadOnlyList<string> files)
    {
        var c = context.Console;
        c.Write(new Rule($"[bold]compare[/]: {Markup.Escape(report.Source)}, {report.Days.ToString(Inv)} day(s)").LeftJustified());
        var table = new Table().Border(TableBorder.Rounded).AddColumn("Design");
        foreach (var h in new[] { "Welfare EUR", "Gap %", "Avg price", "Savings EUR", "Jain", "Gini", "Worse off", "Viol. before/after", "Clearing s", "Messages" })
        {
            table.AddColumn(new TableColumn(h).RightAligned());
        }

        foreach (var m in report.Designs)
        {
            table.AddRow(
                Markup.Escape(m.Design), CompareFiles.N(m.WelfareEur), Markup.Escape(CompareFiles.N(m.WelfareGapPercent)), Markup.Escape(CompareFiles.N(m.AveragePriceEurPerMwh)),
                CompareFiles.N(m.MeanSavingsEur), CompareFiles.N(m.JainIndex), CompareFiles.N(m.GiniCoefficient), CompareFiles.N(m.WorseOffCount),
                $"{m.ViolationsBefore.ToString(Inv)}/{m.ViolationsAfter.ToString(Inv)}", m.ClearingSeconds.ToString("0.000", Inv), CompareFiles.N(m.Messages));
        }

        c.Write(table);
        foreach (var f in report.Failures)
        {
            c.MarkupLine($"[yellow]{Markup.Escape(f.Design)}[/] could not be simulated: {Markup.Escape(f.Reason)}");
        }

        foreach (var f in files)
        {
            c.MarkupLine($"wrote {Markup.Escape(f)}");
        }
    }
}
