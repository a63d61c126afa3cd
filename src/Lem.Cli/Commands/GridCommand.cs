using Lem.Grid;
using Lem.Grid.Topology;

namespace Lem.Cli.Commands;

/// <summary><c>lem grid &lt;network-file&gt;</c>: imports a MATPOWER or pandapower network and summarises it.</summary>
public static class GridCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var file = CommonOptions.NetworkFile();
        var format = CommonOptions.Format();
        var command = new Command("grid", "Import a network file and summarise it: buses, lines, transformers, loads, slack, topology.") { file, format };
        command.SetAction(parse => Run(context, parse.GetValue(file)!, parse.GetValue(format)!));
        return command;
    }

    private static int Run(CliContext context, string path, string format)
    {
        var result = GridImporter.Import(path);
        if (result.Network is null || result.Errors.Count > 0)
        {
            ErrorPrinter.Print(context, format, path, result.Errors, result.Warnings);

            return ExitCodes.InvalidInput;
        }

        var g = result.Network;
        var topology = GridTopology.Analyze(NetworkIndex.Build(g));
        var summary = GridSummary.Of(g, topology);
        if (format == "json")
        {
            WriteJson(context, path, summary, result.Warnings);
        }
        else
        {
            WriteText(context, summary, result.Warnings);
        }

        return ExitCodes.Ok;
    }

    private static string F(double v, string f = "0.###") => v.ToString(f, CultureInfo.InvariantCulture);

    private static void WriteText(CliContext context, GridSummary s, IReadOnlyList<string> warnings)
    {
        var c = context.Console;
        c.Write(new Rule($"[bold]{Markup.Escape(s.Name)}[/] ({s.Format})").LeftJustified());
        var t = new Table().Border(TableBorder.Rounded).AddColumn("Element").AddColumn(new TableColumn("Count").RightAligned()).AddColumn(new TableColumn("In service").RightAligned());
        void Row(string what, ElementCount n) => t.AddRow(what, n.Total.ToString(CultureInfo.InvariantCulture), n.InService.ToString(CultureInfo.InvariantCulture));
        Row("Buses", s.Buses);
        Row("Lines", s.Lines);
        Row("Transformers", s.Transformers);
        Row("Loads", s.Loads);
        Row("Static generators", s.StaticGenerators);
        Row("Generators", s.Generators);
        Row("Shunts", new ElementCount(s.Shunts, s.Shunts));
        Row("Switches", s.Switches);
        c.Write(t);
        c.MarkupLine($"Base power: {F(s.BaseMva)} MVA; voltage levels: {string.Join(", ", s.VoltageLevelsKv.Select(v => F(v) + " kV"))}");
        c.MarkupLine($"Total load: {F(s.TotalLoadMw, "0.######")} MW, {F(s.TotalLoadMvar, "0.######")} Mvar; generation (sgen + gen setpoints): {F(s.TotalGenerationMw, "0.######")} MW");
        c.MarkupLine(Markup.Escape(SlackLine(s.SlackBuses)));
        c.MarkupLine($"Topology: {s.Islands} island{(s.Islands == 1 ? string.Empty : "s")}, {(s.IsRadial ? "radial" : "meshed")}; {s.UnreachableBuses} bus{(s.UnreachableBuses == 1 ? string.Empty : "es")} not reachable from a slack");
        foreach (var w in warnings)
        {
            c.MarkupLine($"[grey]note: {Markup.Escape(w)}[/]");
        }
    }

    /// <summary><c>Slack buses: 1 (id 69)</c>: the count, then the ids (none: just the count).</summary>
    private static string SlackLine(IReadOnlyList<string> ids) => ids.Count switch
    {
        0 => "Slack buses: 0",
        1 => $"Slack buses: 1 (id {ids[0]})",
        _ => $"Slack buses: {ids.Count} (ids {string.Join(", ", ids)})",
    };

    private static void WriteJson(CliContext context, string path, GridSummary s, IReadOnlyList<string> warnings) => Json.Write(context.Out, new GridJson(
        path,
        s.Name,
        s.Format.ToString().ToLowerInvariant(),
        s.BaseMva,
        s.Buses.Total,
        s.Buses.InService,
        s.Lines.Total,
        s.Lines.InService,
        s.Transformers.Total,
        s.Lines.Total + s.Transformers.Total,
        s.Loads.Total,
        s.StaticGenerators.Total,
        s.Generators.Total,
        s.Shunts,
        s.Switches.Total,
        s.TotalLoadMw,
        s.TotalLoadMvar,
        s.VoltageLevelsKv,
        s.SlackBuses,
        s.Islands,
        s.IsRadial,
        s.UnreachableBuses,
        warnings));
}
