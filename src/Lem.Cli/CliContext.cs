using Lem.Cli.Progress;

namespace Lem.Cli;

/// <summary>Where a command writes: plain writers for JSON and a Spectre console for readable text.</summary>
public sealed class CliContext
{
    /// <summary>Creates the context over the process's or a test's writers.</summary>
    public CliContext(TextWriter stdout, TextWriter stderr)
    {
        Out = stdout;
        Error = stderr;
        var interactive = ReferenceEquals(stdout, System.Console.Out) && !System.Console.IsOutputRedirected;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(stdout),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        if (!interactive)
        {
            Console.Profile.Width = 120;
        }
    }

    /// <summary>Standard output.</summary>
    public TextWriter Out { get; }

    /// <summary>Standard error.</summary>
    public TextWriter Error { get; }

    /// <summary>A console for tables and colours (colours only on a terminal).</summary>
    public IAnsiConsole Console { get; }

    /// <summary>Whether the global <c>--quiet</c> option was given (no progress display).</summary>
    public bool Quiet { get; set; }

    /// <summary>
    /// Whether long commands show their progress on standard error (<see cref="ProgressDisplay.ShouldShow"/>): not with
    /// <see cref="Quiet"/>, not when standard error is a test's writer or redirected, not with <c>CI=true</c>.
    /// </summary>
    public bool ShowsProgress => ProgressDisplay.ShouldShow(
        Quiet,
        ReferenceEquals(Error, System.Console.Error),
        System.Console.IsErrorRedirected,
        Environment.GetEnvironmentVariable("CI"));
}
