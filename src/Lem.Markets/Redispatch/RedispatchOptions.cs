namespace Lem.Markets.Redispatch;

/// <summary>Options of a redispatch: the most rounds of clear–check–correct.</summary>
/// <param name="MaxRounds">The most re-clearings after the first (K of docs/mechanisms/redispatch.md).</param>
public sealed record RedispatchOptions(int MaxRounds = 10)
{
    /// <summary>The defaults.</summary>
    public static RedispatchOptions Default { get; } = new();

    /// <summary>The margin kept below a branch's rating when a limit is tightened, percent of the rating (docs/mechanisms/redispatch.md#iterative-redispatch).</summary>
    public double LoadingMarginPercent { get; init; } = 1.0;

    /// <summary>The margin kept inside a bus's voltage band when a limit is tightened, p.u.</summary>
    public double VoltageMarginPu { get; init; } = 0.002;
}
