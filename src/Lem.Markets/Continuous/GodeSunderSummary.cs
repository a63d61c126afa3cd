namespace Lem.Markets.Continuous;

/// <summary>The allocative efficiency of many seeded runs of a <see cref="GodeSunderMarket"/>.</summary>
/// <param name="Constrained">True for ZI-C traders, false for unconstrained ZI traders.</param>
/// <param name="Runs">The runs in seed order.</param>
public sealed record GodeSunderSummary(bool Constrained, IReadOnlyList<GodeSunderRun> Runs)
{
    /// <summary>The mean efficiency.</summary>
    public double MeanEfficiency => Runs.Average(r => r.Efficiency);

    /// <summary>The lowest efficiency of a run.</summary>
    public double MinEfficiency => Runs.Min(r => r.Efficiency);

    /// <summary>The highest efficiency of a run.</summary>
    public double MaxEfficiency => Runs.Max(r => r.Efficiency);

    /// <summary>The mean number of units traded per run.</summary>
    public double MeanTrades => Runs.Average(r => r.Trades);
}
