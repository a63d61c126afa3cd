namespace Lem.Cli.Commands;

/// <summary>
/// A bench's stated acceptance for one of its figures, such as "welfare gap ≤ 1000 ppm" or "≥ 2 M ops/s"; reported
/// under <c>goals</c> and turned into <see cref="ExitCodes.GoalMissed"/> when it is not met.
/// </summary>
/// <param name="Figure">The key of the figure the goal is about.</param>
/// <param name="Value">The figure's measured value.</param>
/// <param name="Comparison">How the value must compare with the target: <c>&lt;=</c>, <c>&lt;</c>, <c>&gt;=</c> or <c>&gt;</c>.</param>
/// <param name="Target">The figure's stated acceptance, in the figure's unit.</param>
public sealed record BenchGoal(string Figure, double Value, string Comparison, double Target)
{
    /// <summary>Whether the value meets the target (a NaN value never does).</summary>
    public bool Met => Comparison switch
    {
        "<=" => Value <= Target,
        "<" => Value < Target,
        ">=" => Value >= Target,
        ">" => Value > Target,
        _ => throw new InvalidOperationException($"Unknown comparison '{Comparison}' for the goal on {Figure}."),
    };

    /// <summary>The goal in words, e.g. <c>p2p_welfare_gap_ppm = 1708 (goal ≤ 1000): MISSED</c>.</summary>
    public string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Figure} = {Value:0.###} (goal {Comparison.Replace("<=", "≤", StringComparison.Ordinal).Replace(">=", "≥", StringComparison.Ordinal)} {Target:0.###}): {(Met ? "met" : "MISSED")}");

    /// <summary><see cref="ExitCodes.Ok"/> when every goal is met, else <see cref="ExitCodes.GoalMissed"/>.</summary>
    public static int ExitCode(IEnumerable<BenchGoal> goals) => goals.All(g => g.Met) ? ExitCodes.Ok : ExitCodes.GoalMissed;
}
