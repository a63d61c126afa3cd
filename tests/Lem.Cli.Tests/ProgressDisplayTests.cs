using Lem.Cli.Progress;
using Lem.Domain.Progress;
using Lem.Testing;
using Spectre.Console;

namespace Lem.Cli.Tests;

/// <summary>The progress display of long commands and the global <c>--quiet</c> option (docs/architecture.md#progress).</summary>
public sealed class ProgressDisplayTests
{
    private static readonly string Tiny = RepoPaths.InRepo("examples", "tiny", "scenario.json");

    [Theory]
    [InlineData(false, true, false, null, true)]
    [InlineData(false, true, false, "false", true)]
    [InlineData(true, true, false, null, false)]
    [InlineData(false, false, false, null, false)]
    [InlineData(false, true, true, null, false)]
    [InlineData(false, true, false, "true", false)]
    [InlineData(false, true, false, "TRUE", false)]
    [InlineData(false, true, false, "1", false)]
    public void ShouldShow_OnlyOnTheProcessTerminal_WithoutQuietOrCi(bool quiet, bool processStderr, bool redirected, string? ci, bool expected) =>
        Assert.Equal(expected, ProgressDisplay.ShouldShow(quiet, processStderr, redirected, ci));

    [Fact]
    public void Start_OnAWriterThatIsNotTheProcessStderr_IsOff_AndHasNoSink()
    {
        var context = new CliContext(new StringWriter(), new StringWriter());

        Assert.False(context.ShowsProgress);
        using var display = ProgressDisplay.Start(context);
        Assert.False(display.Enabled);
        Assert.Null(display.Sink);
    }

    [Theory]
    [InlineData("pool")]
    [InlineData("exchange")]
    public void Run_Quiet_IsAccepted_BeforeOrAfterTheCommand_AndStdoutIsByteIdentical(string mechanism)
    {
        var plain = CliRunner.Run("run", Tiny, "--mechanism", mechanism, "--format", "json");
        var quietFirst = CliRunner.Run("--quiet", "run", Tiny, "--mechanism", mechanism, "--format", "json");
        var quietAfter = CliRunner.Run("run", Tiny, "--mechanism", mechanism, "--format", "json", "-q");

        Assert.True(plain.Exit == 0, plain.Err);
        Assert.True(quietFirst.Exit == 0, quietFirst.Err);
        Assert.True(quietAfter.Exit == 0, quietAfter.Err);
        Assert.Equal(StripTimes(plain.Out), StripTimes(quietFirst.Out));
        Assert.Equal(StripTimes(plain.Out), StripTimes(quietAfter.Out));
        Assert.Equal(plain.Err, quietFirst.Err);
    }

    [Fact]
    public void Allocate_Quiet_IsAccepted_AndStdoutIsTheSame()
    {
        var plain = CliRunner.Run("allocate", Tiny, "--method", "shapley-mc", "--samples", "200", "--format", "json");
        var quiet = CliRunner.Run("allocate", Tiny, "--method", "shapley-mc", "--samples", "200", "--format", "json", "--quiet");

        Assert.True(plain.Exit == 0, plain.Err);
        Assert.True(quiet.Exit == 0, quiet.Err);
        Assert.Equal(StripTimes(plain.Out), StripTimes(quiet.Out));
    }

    [Fact]
    public void Board_KeepsTheLatestReportOfEveryPhase_InFirstReportOrder_UnderConcurrentReports()
    {
        var board = new ProgressBoard();
        board.Report(new ProgressUpdate("b", 0, 1));
        Parallel.For(1, 1001, i => board.Report(new ProgressUpdate("a", i, 1000)));
        board.Report(new ProgressUpdate("b", 1, 1));

        var snapshot = board.Snapshot();
        Assert.Equal(["b", "a"], snapshot.Select(x => x.Phase));
        Assert.Equal(1, snapshot[0].Done);
        Assert.Equal(1002, board.Reports);
        Assert.InRange(snapshot[1].Done, 1, 1000);
    }

    [Fact]
    public void Describe_ShowsDoneOfTotal_AndTheMeasures()
    {
        var update = new ProgressUpdate(ProgressPhases.Admm, 42, 5000, new Dictionary<string, double> { [ProgressPhases.PrimalResidual] = 0.0012345, [ProgressPhases.DualResidual] = 3e-7 });

        Assert.Equal("ADMM 42/5000 ‖r‖=1.23e-3 ‖s‖=3e-7", ProgressDisplay.Describe(update));
        Assert.Equal("x 1/2 other=2.5e+0", ProgressDisplay.Describe(new ProgressUpdate("x", 1, 2, new Dictionary<string, double> { ["other"] = 2.5 })));
        Assert.Equal("pool: solving LP", ProgressDisplay.Describe(new ProgressUpdate(ProgressPhases.PoolSolveLp, 0, 1)));
    }

    [Fact]
    public void Display_RendersThePhasesOnItsOwnConsole_AndOnlyThere()
    {
        var stderr = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(stderr),
            Ansi = AnsiSupport.Yes,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.Yes,
        });

        using (var display = ProgressDisplay.Start(console, TimeSpan.Zero))
        {
            display.Sink!.Report(new ProgressUpdate(ProgressPhases.AcCheck, 3, 4));
        }

        Assert.Contains("AC check 3/4", stderr.ToString(), StringComparison.Ordinal);
    }

    /// <summary>The JSON without its wall-clock fields, which differ between two runs.</summary>
    private static string StripTimes(string json) =>
        System.Text.RegularExpressions.Regex.Replace(json, "\"[a-z_]*seconds\": *[0-9.eE+-]+", "\"seconds\": 0");
}
