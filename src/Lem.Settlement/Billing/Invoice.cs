namespace Lem.Settlement.Billing;

/// <summary>
/// A participant's invoice for the billing period: lines rounded to the cent, their total, the retail baseline and the
/// savings against it, and the energy per slot for auditing.
/// </summary>
/// <remarks>
/// <see cref="TotalEur"/> is the sum of the rounded lines; positive means the participant pays. The baseline is what the
/// participant would pay buying every kWh it withdrew at the retail tariff and selling every kWh it injected at the
/// feed-in tariff; savings = baseline − total.
/// </remarks>
/// <param name="Participant">The participant.</param>
/// <param name="Lines">The lines, in category order.</param>
/// <param name="WithdrawalKwh">The energy withdrawn over the period (metered where metered), kWh.</param>
/// <param name="InjectionKwh">The energy injected over the period (metered where metered), kWh.</param>
/// <param name="BaselineImportEur">The baseline's import cost at the retail tariff, rounded to the cent.</param>
/// <param name="BaselineExportEur">The baseline's export revenue at the feed-in tariff, rounded to the cent.</param>
/// <param name="Slots">The energy and money per slot.</param>
public sealed record Invoice(
    BilledParticipant Participant,
    IReadOnlyList<InvoiceLine> Lines,
    decimal WithdrawalKwh,
    decimal InjectionKwh,
    decimal BaselineImportEur,
    decimal BaselineExportEur,
    IReadOnlyList<InvoiceSlot> Slots)
{
    /// <summary>The total: the sum of the rounded lines, EUR (positive owed).</summary>
    public decimal TotalEur => Lines.Sum(l => l.AmountEur);

    /// <summary>The total before compensation, EUR.</summary>
    public decimal TotalBeforeCompensationEur => Lines.Where(l => l.Category != InvoiceCategory.Compensation).Sum(l => l.AmountEur);

    /// <summary>The baseline: import cost minus export revenue, EUR.</summary>
    public decimal BaselineEur => BaselineImportEur - BaselineExportEur;

    /// <summary>Savings against the baseline after compensation, EUR.</summary>
    public decimal SavingsEur => BaselineEur - TotalEur;

    /// <summary>Savings against the baseline before compensation, EUR.</summary>
    public decimal SavingsBeforeCompensationEur => BaselineEur - TotalBeforeCompensationEur;

    /// <summary>The sum of the rounded lines of one category, EUR.</summary>
    public decimal SubtotalEur(InvoiceCategory category) => Lines.Where(l => l.Category == category).Sum(l => l.AmountEur);
}
