namespace Lem.Settlement.Tariffs;

/// <summary>
/// The DSO's grid tariff (docs/settlement.md#invoice-lines): fixed charge, volumetric or time-of-use energy charge on withdrawals
/// (optionally net-metered), subscribed capacity with an excess penalty, billed peak, a distance-based charge on P2P
/// trades and a discount for energy matched inside the community.
/// </summary>
public sealed record TariffGrid
{
    /// <summary>No grid tariff at all.</summary>
    public static TariffGrid None { get; } = new();

    /// <summary>Fixed charge per participant and billing period, EUR.</summary>
    public decimal FixedEurPerPeriod { get; init; }

    /// <summary>Energy charge on withdrawals in slots outside every time-of-use period, EUR/kWh.</summary>
    public decimal VolumetricEurPerKwh { get; init; }

    /// <summary>
    /// Whether the energy charge is levied on net withdrawals per rate band over the billing period,
    /// max(0, Σ withdrawal − Σ injection), instead of on every slot's withdrawal.
    /// </summary>
    public bool NetMetering { get; init; }

    /// <summary>Time-of-use periods by local time of day, each with its own energy charge; they do not overlap.</summary>
    public IReadOnlyList<TariffPeriod> TimeOfUse { get; init; } = [];

    /// <summary>Subscribed capacity with an excess penalty, or null.</summary>
    public TariffCapacity? Capacity { get; init; }

    /// <summary>Charge on the billed peak (the highest withdrawal in kW over the billing period), EUR/kW; 0 for none.</summary>
    public decimal MeasuredPeakEurPerKw { get; init; }

    /// <summary>Distance-based charge on bilateral trades between members, or null.</summary>
    public TariffDistance? Distance { get; init; }

    /// <summary>Fraction in [0, 1] taken off the energy charge for withdrawals matched inside the community.</summary>
    public decimal LocalDiscountFraction { get; init; }
}
