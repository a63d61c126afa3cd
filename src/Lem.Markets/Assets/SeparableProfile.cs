namespace Lem.Markets.Assets;

/// <summary>
/// An asset as terms of a cost that separates by slot (kW per slot, injection positive): demand that must be served,
/// demand that may be shed at a value of lost load, and output that may be curtailed at a curtailment cost. The
/// closed-form agents of the distributed engines and the closed-form community cost game are built from these terms.
/// </summary>
public sealed record SeparableProfile
{
    /// <summary>Demand that must be served per slot, kW (≥ 0), or null.</summary>
    public IReadOnlyList<double>? FixedDemandKw { get; init; }

    /// <summary>Demand that may be shed per slot, kW (≥ 0), or null.</summary>
    public IReadOnlyList<double>? SheddableDemandKw { get; init; }

    /// <summary>What shedding one MWh of <see cref="SheddableDemandKw"/> costs, EUR/MWh.</summary>
    public double ValueOfLostLoadEurPerMwh { get; init; }

    /// <summary>Output available per slot that may be curtailed, kW (≥ 0), or null.</summary>
    public IReadOnlyList<double>? AvailableOutputKw { get; init; }

    /// <summary>What curtailing one MWh of <see cref="AvailableOutputKw"/> costs, EUR/MWh.</summary>
    public double CurtailmentCostEurPerMwh { get; init; }
}
