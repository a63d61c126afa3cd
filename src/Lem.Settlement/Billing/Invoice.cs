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
public sealed record Invoice
{
    /// <summary>The participant.</summary>
    public required BilledParticipant Participant { get; init; }

    /// <summary>The lines, in category order.</summary>
    public required IReadOnlyList<InvoiceLine> Lines { get; init; }

    /// <summary>The energy withdrawn over the period (metered where metered), kWh.</summary>
    public required decimal WithdrawalKwh { get; init; }

    /// <summary>The energy injected over the period (metered where metered), kWh.</summary>
    public required decimal InjectionKwh { get; init; }

    /// <summary>The baseline's import cost at the retail tariff, rounded to the cent.</summary>
    public required decimal BaselineImportEur { get; init; }

    /// <summary>The baseline's export revenue at the feed-in tariff, rounded to the cent.</summary>
    public required decimal BaselineExportEur { get; init; }

    /// <summary>The energy and money per slot.</summary>
    public required IReadOnlyList<InvoiceSlot> Slots { get; init; }

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
