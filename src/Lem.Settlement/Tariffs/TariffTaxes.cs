namespace Lem.Settlement.Tariffs;

/// <summary>Taxes and levies on consumption, and VAT.</summary>
public sealed record TariffTaxes
{
    /// <summary>No taxes.</summary>
    public static TariffTaxes None { get; } = new();

    /// <summary>Levies and electricity tax on withdrawals, EUR/kWh.</summary>
    public decimal LeviesEurPerKwh { get; init; }

    /// <summary>Fixed levies per participant and billing period, EUR.</summary>
    public decimal FixedEurPerPeriod { get; init; }

    /// <summary>VAT in percent of an invoice's net amount when that is positive (a net credit carries no VAT).</summary>
    public decimal VatPercent { get; init; }
}
