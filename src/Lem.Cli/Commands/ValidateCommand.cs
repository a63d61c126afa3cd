namespace Lem.Cli.Commands;

/// <summary><c>lem validate &lt;scenario&gt;</c>: checks a scenario and lists every problem; exit 0 when valid.</summary>
public static class ValidateCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var scenario = CommonOptions.Scenario();
        var format = CommonOptions.Format();
        var command = new Command("validate", "Check a scenario file and list every problem with its path.") { scenario, format };
        command.SetAction(parse => Run(context, parse.GetValue(scenario)!, parse.GetValue(format)!));
        return command;
    }

    private static int Run(CliContext context, string path, string format)
    {
        var result = ScenarioReader.Load(path);
        if (format == "json")
        {
            ErrorPrinter.Json(context.Out, result.Errors, result.Warnings, result.WarningDetails);
        }
        else if (result.IsValid)
        {
            var s = result.Scenario!;
            context.Console.MarkupLine($"[green]{Markup.Escape(path)} is valid[/]: {s.Participants.Count} participants, {s.Horizon.Count} slots of {s.Horizon.SlotLength.Minutes} min{(s.Grid is null ? ", no grid" : $", grid with {s.Grid.Buses.Count} buses")}.");
            foreach (var w in result.Warnings)
            {
                context.Console.MarkupLine($"  [grey]note: {Markup.Escape(w)}[/]");
            }
        }
        else
        {
            ErrorPrinter.Text(context, path, result.Errors);
        }

        return result.IsValid ? ExitCodes.Ok : ExitCodes.InvalidInput;
    }
}
