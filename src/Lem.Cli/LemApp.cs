using Lem.Cli.Commands;

namespace Lem.Cli;

/// <summary>The <c>lem</c> command line: builds the command tree and runs it with the given output writers.</summary>
public static class LemApp
{
    /// <summary>Runs <c>lem</c> with arguments, writing to the given writers, and returns the exit code.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        var context = new CliContext(stdout, stderr);
        var root = BuildRoot(context);
        var parse = root.Parse(args);
        context.Quiet = parse.GetValue<bool>(CommonOptions.QuietName);
        if (parse.Errors.Count > 0 && parse.Action is not System.CommandLine.Help.HelpAction)
        {
            foreach (var error in parse.Errors)
            {
                stderr.WriteLine($"lem: {error.Message}");
            }

            stderr.WriteLine("Run 'lem --help' for the commands and their options.");
            return ExitCodes.Usage;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            stderr.WriteLine($"lem: internal error: {ex.GetType().Name}: {ex.Message}");
            if (Environment.GetEnvironmentVariable("LEM_DEBUG") == "1")
            {
                stderr.WriteLine(ex.ToString());
            }
            else
            {
                stderr.WriteLine("This is a bug in lem, not a problem with your input; set LEM_DEBUG=1 for details and report it.");
            }

            return ExitCodes.InternalError;
        }
    }

    /// <summary>Builds the command tree.</summary>
    public static RootCommand BuildRoot(CliContext context)
    {
        var root = new RootCommand("Lem: a local electricity market platform. Clear local markets on the grid, run power flows and optimal power flows, validate and inspect scenarios and grids.");
        root.Options.Add(CommonOptions.Quiet());
        Func<CliContext, Command>[] commands =
        [
            ValidateCommand.Create, InfoCommand.Create, GridCommand.Create, ExampleCommand.Create, RunCommand.Create, PfCommand.Create, OpfCommand.Create,
            BenchCommand.Create, SimulateCommand.Create, AuctionCommand.Create, CompareCommand.Create, FlexCommand.Create, AllocateCommand.Create, LedgerCommand.Create, ServeCommand.Create, LoadTestCommand.Create,
            EquilibriumCommand.Create, TariffDesignCommand.Create, ReportCommand.Create, SiloCommand.Create,
        ];
        foreach (var create in commands)
        {
            root.Subcommands.Add(create(context));
        }

        return root;
    }
}
