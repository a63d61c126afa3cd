namespace Lem.Cli;

/// <summary>The exit codes of <c>lem</c>.</summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked (for <c>validate</c>: the input is valid).</summary>
    public const int Ok = 0;

    /// <summary>The input (scenario, grid or data file) has problems; they were printed.</summary>
    public const int InvalidInput = 1;

    /// <summary>The command line itself is wrong (unknown command or option, missing argument).</summary>
    public const int Usage = 2;

    /// <summary>Something failed that is not the user's mistake (a bug, an I/O failure); a short message was printed.</summary>
    public const int InternalError = 3;

    /// <summary>
    /// A bench ran, but a figure missed the bench's stated acceptance (its <c>goals</c>, printed with the figures); the
    /// figures are still printed in full.
    /// </summary>
    public const int GoalMissed = 4;
}
