using Lem.Domain.Progress;

namespace Lem.Cli.Progress;

/// <summary>
/// The progress display of long commands (docs/architecture.md#progress): the work reports to <see cref="Sink"/>; when
/// it is still running after <see cref="Delay"/>, a Spectre.Console progress display on standard error shows every
/// phase (bar, done / total, the latest measures such as ADMM residuals) until <see cref="Dispose"/>, which removes it.
/// Standard output is never written, so JSON consumers see the same bytes with and without the display.
/// </summary>
public sealed class ProgressDisplay : IDisposable
{
    /// <summary>How long work runs silently before the display appears.</summary>
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan RefreshInterval = TimeSpan.FromMilliseconds(100);

    private readonly ManualResetEventSlim _finished = new(false);
    private readonly Thread? _renderer;
    private readonly ProgressBoard? _board;
    private bool _disposed;

    private ProgressDisplay(IAnsiConsole? console, TimeSpan delay)
    {
        if (console is null)
        {
            return;
        }

        _board = new ProgressBoard();
        _renderer = new Thread(() => Render(console, delay)) { IsBackground = true, Name = "lem progress" };
        _renderer.Start();
    }

    /// <summary>Where the work reports, or null when the display is off (then the work reports nowhere).</summary>
    public IProgress<ProgressUpdate>? Sink => _board;

    /// <summary>Whether the display is on (it may still not have appeared if the work is short).</summary>
    public bool Enabled => _board is not null;

    /// <summary>
    /// Whether a command shows progress: not with <c>--quiet</c>, not when standard error is not the process's own or
    /// is redirected (a file, a pipe, a test's writer), and not under continuous integration (<c>CI=true</c>).
    /// </summary>
    public static bool ShouldShow(bool quiet, bool stderrIsProcessStderr, bool stderrRedirected, string? ci) =>
        !quiet && stderrIsProcessStderr && !stderrRedirected && !IsSet(ci);

    /// <summary>Starts the display for a command of <paramref name="context"/> (off when <see cref="CliContext.ShowsProgress"/> is false).</summary>
    public static ProgressDisplay Start(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new ProgressDisplay(context.ShowsProgress ? ErrorConsole(context.Error) : null, Delay);
    }

    /// <summary>Starts a display on a given console after a given delay (tests; the command line uses <see cref="Start(CliContext)"/>).</summary>
    public static ProgressDisplay Start(IAnsiConsole console, TimeSpan delay)
    {
        ArgumentNullException.ThrowIfNull(console);
        return new ProgressDisplay(console, delay);
    }

    /// <summary>
    /// One line of a phase: its name, done / total and the latest measures, the residuals and ρ by their symbols so that
    /// the line fits an 80-column terminal next to the bar.
    /// </summary>
    public static string Describe(ProgressUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        var text = update.Phase;
        if (update.Total is { } total && total > 1)
        {
            text += string.Create(CultureInfo.InvariantCulture, $" {update.Done}/{total}");
        }

        if (update.Measures is { Count: > 0 } measures)
        {
            text += " " + string.Join(" ", measures.Select(m => string.Create(CultureInfo.InvariantCulture, $"{Symbol(m.Key)}={m.Value:0.##e+0}")));
        }

        return text;
    }

    /// <summary>Stops the display and removes it from the terminal; waits until it is gone.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _finished.Set();
        _renderer?.Join();
        _finished.Dispose();
    }

    private static string Symbol(string measure) => measure switch
    {
        ProgressPhases.PrimalResidual => "‖r‖",
        ProgressPhases.DualResidual => "‖s‖",
        ProgressPhases.Rho => "ρ",
        _ => measure,
    };

    private static bool IsSet(string? flag) =>
        flag is not null && (flag.Equals("true", StringComparison.OrdinalIgnoreCase) || flag == "1");

    private static IAnsiConsole ErrorConsole(TextWriter stderr) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(stderr),
        Ansi = AnsiSupport.Detect,
        ColorSystem = ColorSystemSupport.Detect,
        Interactive = InteractionSupport.Yes,
    });

    private void Render(IAnsiConsole console, TimeSpan delay)
    {
        if (delay > TimeSpan.Zero && _finished.Wait(delay))
        {
            return; // short work: nothing shown
        }

        try
        {
            console.Progress()
                .AutoClear(true)
                .AutoRefresh(false)
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn { Width = 20 }, new ElapsedTimeColumn())
                .Start(ctx =>
                {
                    var tasks = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
                    do
                    {
                        Update(ctx, tasks, _board!.Snapshot());
                        ctx.Refresh();
                    }
                    while (!_finished.Wait(RefreshInterval));

                    // The last state, drawn once more before the display is removed.
                    Update(ctx, tasks, _board.Snapshot());
                    ctx.Refresh();
                });
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException)
        {
            // The terminal went away or refused the live display: the work goes on without it.
        }
    }

    private static void Update(ProgressContext ctx, Dictionary<string, ProgressTask> tasks, IReadOnlyList<ProgressUpdate> phases)
    {
        for (var i = 0; i < phases.Count; i++)
        {
            var update = phases[i];
            if (!tasks.TryGetValue(update.Phase, out var task))
            {
                tasks[update.Phase] = task = ctx.AddTask(Markup.Escape(update.Phase));
            }

            task.Description = Markup.Escape(Describe(update));
            var later = i < phases.Count - 1;
            if (update.Total is { } total && total > 0)
            {
                task.IsIndeterminate = false;
                task.MaxValue = total;
                task.Value = later ? total : Math.Min(update.Done, total);
            }
            else
            {
                task.IsIndeterminate = !later;
                task.Value = later ? task.MaxValue : 0;
            }
        }
    }
}
