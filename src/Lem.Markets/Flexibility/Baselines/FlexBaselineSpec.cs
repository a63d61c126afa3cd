namespace Lem.Markets.Flexibility.Baselines;

/// <summary>
/// How a flexibility market computes each FSP's settlement baseline (docs/mechanisms/flexibility.md#baselines): the
/// method's name in <see cref="FlexBaselines"/> and, for <c>x_of_y</c>, its X, Y and day selection.
/// </summary>
public sealed record FlexBaselineSpec
{
    /// <summary>The default: the FSP's prognosis.</summary>
    public static FlexBaselineSpec Default { get; } = new();

    /// <summary>The method: <c>prognosis</c>, <c>nomination</c> or <c>x_of_y</c>.</summary>
    public string Method { get; init; } = "prognosis";

    /// <summary>X: how many days are averaged (x_of_y).</summary>
    public int X { get; init; } = 4;

    /// <summary>Y: how many of the most recent comparable days are considered (x_of_y).</summary>
    public int Y { get; init; } = 5;

    /// <summary>Which X of the Y days are averaged (x_of_y).</summary>
    public FlexDaySelection Selection { get; init; } = FlexDaySelection.Highest;
}
