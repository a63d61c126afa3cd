namespace Lem.Settlement.Tariffs;

/// <summary>Taxes and levies on consumption, and VAT.</summary>
/// <param name="LeviesEurPerKwh">Levies and electricity tax on withdrawals, EUR/kWh.</param>
/// <param name="FixedEurPerPeriod">Fixed levies per participant and billing period, EUR.</param>
/// <param name="VatPercent">VAT in percent of an invoice's net amount when that is positive (a net credit carries no VAT).</param>
public sealed record TariffTaxes(decimal LeviesEurPerKwh = 0m, decimal FixedEurPerPeriod = 0m, decimal VatPercent = 0m)
{
    /// <summary>No taxes.</summary>
    public static TariffTaxes None { get; } = new();
}
