namespace Lem.Markets.Distributed;

/// <summary>Settings of <see cref="DistributedClearing"/>.</summary>
public sealed record DistributedOptions
{
    /// <summary>Default settings: <see cref="AdmmOptions"/> with ρ = 1 (EUR/MWh per kW), ε_abs = 1e-4 kW, ε_rel = 1e-5, complete P2P graph.</summary>
    public static DistributedOptions Default { get; } = new();

    /// <summary>The ADMM settings; quantities are kW and prices EUR/MWh.</summary>
    public AdmmOptions Admm { get; init; } = new() { Rho = 1.0, AbsoluteTolerance = 1e-4, RelativeTolerance = 1e-5, MaxIterations = 5000 };

    /// <summary>
    /// P2P only: null for a complete graph; otherwise every participant trades with the outside market and with this many
    /// neighbours in scenario order (a ring, half on each side).
    /// </summary>
    public int? PartnersPerAgent { get; init; }

    /// <summary>The id the outside market's agent gets in P2P and exchange results.</summary>
    public string OutsideMarketId { get; init; } = "outside-market";
}
