using Lem.Reports;

namespace Lem.Cli.Commands;

/// <summary>
/// <c>lem report DIR</c>: rebuilds the plots (<c>plots/*.png</c>, <c>plots/*.svg</c>) and <c>report.html</c> of a run folder
/// from its files (docs/reports.md). Every <c>--out</c> run of <c>lem run</c>, <c>lem simulate</c>, <c>lem compare</c>,
/// <c>lem allocate</c> and <c>lem flex</c> calls the same builder (<see cref="Write"/>).
/// </summary>
public static class ReportCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var folder = new Argument<string>("folder") { Description = "A run folder written by lem run, lem simulate, lem compare, lem allocate or lem flex with --out (it holds summary.json or compare.json)." };
        var format = CommonOptions.Format();
        var command = new Command("report", "Rebuild the plots and report.html of a run folder from its CSV and JSON files.") { folder, format };
        command.SetAction(parse => Run(context, parse.GetValue(folder)!, parse.GetValue(format)!));
        return command;
    }

    /// <summary>Builds the report of the run folder <paramref name="folder"/> after a run wrote it; returns what was written, or null with a warning on stderr when the folder is not a run folder.</summary>
    public static ReportOutcome? Write(CliContext context, string folder)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (run, problem) = RunFolder.Open(folder);
        if (run is null)
        {
            context.Error.WriteLine($"lem: warning: no report: {problem}");
            return null;
        }

        return ReportBuilder.Build(run);
    }

    private static int Run(CliContext context, string folder, string format)
    {
        var (run, problem) = RunFolder.Open(folder);
        if (run is null)
        {
            context.Error.WriteLine($"lem: {problem}");
            return ExitCodes.InvalidInput;
        }

        var outcome = ReportBuilder.Build(run);
        if (format == "json")
        {
            Json.Write(context.Out, w =>
            {
                w.WriteStartObject();
                w.WriteString("folder", folder);
                w.WriteString("report", ReportBuilder.ReportFile);
                WriteArray(w, "figures", outcome.Figures);
                WriteArray(w, "files", outcome.Files);
                WriteArray(w, "skipped", outcome.Skipped);
                w.WriteEndObject();
            });
        }
        else
        {
            context.Out.WriteLine($"Report written to {Path.Combine(folder, ReportBuilder.ReportFile)}: {outcome.Figures.Count} figure(s) ({string.Join(", ", outcome.Figures)}).");
            foreach (var s in outcome.Skipped)
            {
                context.Out.WriteLine($"  skipped {s}");
            }
        }

        return ExitCodes.Ok;
    }

    private static void WriteArray(Utf8JsonWriter w, string name, IReadOnlyList<string> items)
    {
        w.WriteStartArray(name);
        foreach (var item in items)
        {
            w.WriteStringValue(item);
        }

        w.WriteEndArray();
    }
}
