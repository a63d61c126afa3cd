namespace Lem.Markets.Redispatch;

/// <summary>Options of a redispatch: the most rounds of clear–check–correct.</summary>
/// <param name="MaxRounds">The most re-clearings after the first (K of docs/mechanisms/redispatch.md).</param>
public sealed record RedispatchOptions(int MaxRounds = 10)
{
    /// <summary>The defaults.</summary>
    public static RedispatchOptions Default { get; } = new();
}
