namespace Lem.Cli.Output.Records;

/// <summary>One entry of <c>goals</c> in <c>lem bench … --format json</c>: a figure's stated acceptance and whether the run met it.</summary>
/// <param name="Figure">The key of the figure.</param>
/// <param name="Value">The figure's value (rounded like the figure, to 1e-6).</param>
/// <param name="Comparison">How the value must compare with the target: <c>&lt;=</c>, <c>&lt;</c>, <c>&gt;=</c> or <c>&gt;</c>.</param>
/// <param name="Target">The acceptance, in the figure's unit.</param>
/// <param name="Met">Whether the value meets the target.</param>
public sealed record BenchGoalJson(string Figure, double Value, string Comparison, double Target, bool Met);
