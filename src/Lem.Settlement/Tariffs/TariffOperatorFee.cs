namespace Lem.Settlement.Tariffs;

/// <summary>The market operator's fee.</summary>
public sealed record TariffOperatorFee
{
    /// <summary>No fee.</summary>
    public static TariffOperatorFee None { get; } = new();

    /// <summary>Fee per kWh traded, charged to each side: on the energy a participant buys and on the energy it sells, EUR/kWh.</summary>
    public decimal EurPerKwh { get; init; }

    /// <summary>Fixed fee per participant and billing period, EUR.</summary>
    public decimal FixedEurPerPeriod { get; init; }
}
