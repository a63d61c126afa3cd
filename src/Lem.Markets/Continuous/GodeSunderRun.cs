namespace Lem.Markets.Continuous;

/// <summary>One seeded run of a <see cref="GodeSunderMarket"/>.</summary>
/// <param name="Seed">The run's seed.</param>
/// <param name="Trades">The number of units traded.</param>
/// <param name="SurplusEur">The realised surplus Σ (value − cost) over the traded pairs, EUR.</param>
/// <param name="Efficiency">Realised surplus / maximum surplus (allocative efficiency, may be negative for ZI).</param>
/// <param name="MeanPriceEurPerMwh">The mean trade price, or NaN without trades.</param>
public sealed record GodeSunderRun(ulong Seed, int Trades, double SurplusEur, double Efficiency, double MeanPriceEurPerMwh);
