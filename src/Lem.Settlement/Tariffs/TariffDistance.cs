namespace Lem.Settlement.Tariffs;

/// <summary>
/// A distance-based network charge on bilateral trades between members: γ·d_nm/d̄ per MWh traded, with d the electrical
/// distance between the two participants' buses and d̄ its largest or mean value over the members' buses
/// (docs/network-charges.md).
/// </summary>
public sealed record TariffDistance
{
    /// <summary>The charge level γ, EUR/MWh at d = d̄.</summary>
    public decimal EurPerMwh { get; init; }

    /// <summary>How electrical distance is measured.</summary>
    public TariffDistanceMethod Method { get; init; } = TariffDistanceMethod.Path;

    /// <summary>Who pays the charge.</summary>
    public TariffChargeSplit Split { get; init; } = TariffChargeSplit.Half;

    /// <summary>The normalisation d̄.</summary>
    public TariffDistanceNormalization Normalization { get; init; } = TariffDistanceNormalization.Max;
}
