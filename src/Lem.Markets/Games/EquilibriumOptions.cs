namespace Lem.Markets.Games;

/// <summary>Stopping rules of the equilibrium methods.</summary>
public sealed record EquilibriumOptions
{
    /// <summary>The default options.</summary>
    public static EquilibriumOptions Default { get; } = new();

    /// <summary>Best response stops when no variable moved more than this in a sweep, kW.</summary>
    public double ToleranceKw { get; init; } = 1e-10;

    /// <summary>The most best-response sweeps.</summary>
    public int MaxSweeps { get; init; } = 200_000;

    /// <summary>The most pivots of Lemke's algorithm.</summary>
    public int MaxPivots { get; init; } = 100_000;

    /// <summary>The largest LCP (variables + bounds + rows) the dense Lemke tableau accepts.</summary>
    public int MaxLcpSize { get; init; } = 3000;
}
