using Lem.Scenarios.Examples;

namespace Lem.Cli.Commands;

/// <summary><c>lem example village --out DIR</c>: regenerates the bundled village example (deterministic).</summary>
public static class ExampleCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The example to generate: village." };
        name.AcceptOnlyFromAmong("village");
        var output = CommonOptions.OutputFolder("The folder to write into (created when missing).");
        output.Required = true;
        var grid = new Option<string?>("--grid") { Description = $"A Kerber Dorfnetz pandapower JSON to copy into the folder (default: the folder's own {VillageExample.GridFileName}, else the copy built into lem)." };
        var command = new Command("example", "Generate a bundled example scenario with its profiles (same seed, same files).") { name, output, grid };
        command.SetAction(parse => Run(context, parse.GetValue(output)!, parse.GetValue(grid)));
        return command;
    }

    private static int Run(CliContext context, string output, string? grid)
    {
        Directory.CreateDirectory(output);
        var target = Path.Combine(output, VillageExample.GridFileName);
        if (grid is not null)
        {
            if (!File.Exists(grid))
            {
                context.Error.WriteLine($"lem: the grid file '{grid}' does not exist.");
                return ExitCodes.InvalidInput;
            }

            if (!string.Equals(Path.GetFullPath(grid), Path.GetFullPath(target), StringComparison.Ordinal))
            {
                File.Copy(grid, target, overwrite: true);
            }
        }
        else if (!File.Exists(target))
        {
            VillageExample.WriteGrid(output);
            context.Console.MarkupLine($"wrote [green]{Markup.Escape(target)}[/] (the built-in copy of the grid)");
        }

        foreach (var file in VillageExample.Write(output))
        {
            context.Console.MarkupLine($"wrote [green]{Markup.Escape(file)}[/]");
        }

        return ExitCodes.Ok;
    }
}
