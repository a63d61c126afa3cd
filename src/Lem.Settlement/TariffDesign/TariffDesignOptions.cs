namespace Lem.Settlement.TariffDesign;

/// <summary>What the DSO asks of a tariff design (docs/games.md#stackelberg-tariff-design).</summary>
public sealed record TariffDesignOptions
{
    /// <summary>R: the revenue the tariff must recover, EUR (&gt; 0).</summary>
    public required double RevenueEur { get; init; }

    /// <summary>What the DSO minimises when it recommends a design: <c>peak</c> (coincident peak withdrawal) or <c>cost</c> (the participants' total energy and asset cost).</summary>
    public string Objective { get; init; } = "peak";

    /// <summary>The most any passive consumer's charge may exceed its reference share, EUR; null for no limit.</summary>
    public double? FairnessLimitEur { get; init; }

    /// <summary>Grid points over the bracketing interval before the bisection.</summary>
    public int GridPoints { get; init; } = 8;

    /// <summary>The bisection stops when the bracket is narrower than this fraction of the level.</summary>
    public double RelativeTolerance { get; init; } = 1e-8;
}
