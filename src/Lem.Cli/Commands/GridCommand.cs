using System.CommandLine;
using System.Globalization;
using Lem.Cli.Output;
using Lem.Grid.Import;
using Lem.Grid.Indexing;
using Lem.Grid;
using Lem.Grid.Topology;
using Spectre.Console;

namespace Lem.Cli.Commands;

/// <summary><c>lem grid &lt;network-file&gt;</c>: imports a MATPOWER or pandapower network and summarises it.</summary>
public static class GridCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("network-file") { Description = "A MATPOWER .m case or a pandapower JSON file." };
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
        void Row(string what, int n, int inService) => t.AddRow(what, n.ToString(CultureInfo.InvariantCulture), inService.ToString(CultureInfo.InvariantCulture));
        Row("Buses", s.Buses, s.BusesInService);
        Row("Lines", s.Lines, s.LinesInService);
        Row("Transformers", s.Transformers, s.TransformersInService);
        Row("Loads", s.Loads, s.LoadsInService);
        Row("Static generators", s.StaticGenerators, s.StaticGeneratorsInService);
        Row("Generators", s.Generators, s.GeneratorsInService);
        Row("Shunts", s.Shunts, s.Shunts);
        Row("Switches", s.Switches, s.SwitchesClosed);
        c.Write(t);
        c.MarkupLine($"Base power: {F(s.BaseMva)} MVA; voltage levels: {string.Join(", ", s.VoltageLevelsKv.Select(v => F(v) + " kV"))}");
        c.MarkupLine($"Total load: {F(s.TotalLoadMw, "0.######")} MW, {F(s.TotalLoadMvar, "0.######")} Mvar; generation (sgen + gen setpoints): {F(s.TotalGenerationMw, "0.######")} MW");
        c.MarkupLine($"Slack buses: {Markup.Escape(string.Join(", ", s.SlackBuses))}");
        c.MarkupLine($"Topology: {s.Islands} island{(s.Islands == 1 ? string.Empty : "s")}, {(s.IsRadial ? "radial" : "meshed")}; {s.UnreachableBuses} bus{(s.UnreachableBuses == 1 ? string.Empty : "es")} not reachable from a slack");
        foreach (var w in warnings)
        {
            c.MarkupLine($"[grey]note: {Markup.Escape(w)}[/]");
        }
    }

    private static void WriteJson(CliContext context, string path, GridSummary s, IReadOnlyList<string> warnings)
    {
        Json.Write(context.Out, w =>
        {
            w.WriteStartObject();
            w.WriteString("file", path);
            w.WriteString("name", s.Name);
            w.WriteString("format", s.Format.ToString().ToLowerInvariant());
            w.WriteNumber("base_mva", s.BaseMva);
            w.WriteNumber("buses", s.Buses);
            w.WriteNumber("buses_in_service", s.BusesInService);
            w.WriteNumber("lines", s.Lines);
            w.WriteNumber("lines_in_service", s.LinesInService);
            w.WriteNumber("transformers", s.Transformers);
            w.WriteNumber("branches", s.Lines + s.Transformers);
            w.WriteNumber("loads", s.Loads);
            w.WriteNumber("static_generators", s.StaticGenerators);
            w.WriteNumber("generators", s.Generators);
            w.WriteNumber("shunts", s.Shunts);
            w.WriteNumber("switches", s.Switches);
            w.WriteNumber("total_load_mw", s.TotalLoadMw);
            w.WriteNumber("total_load_mvar", s.TotalLoadMvar);
            w.WriteStartArray("voltage_levels_kv");
            foreach (var v in s.VoltageLevelsKv)
            {
                w.WriteNumberValue(v);
            }

            w.WriteEndArray();
            w.WriteStartArray("slack_buses");
            foreach (var b in s.SlackBuses)
            {
                w.WriteStringValue(b);
            }

            w.WriteEndArray();
            w.WriteNumber("islands", s.Islands);
            w.WriteBoolean("radial", s.IsRadial);
            w.WriteNumber("unreachable_buses", s.UnreachableBuses);
            w.WriteStartArray("warnings");
            foreach (var warning in warnings)
            {
                w.WriteStringValue(warning);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }
}
