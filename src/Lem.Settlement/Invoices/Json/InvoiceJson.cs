namespace Lem.Settlement.Invoices.Json;

/// <summary>One participant's invoice document (<c>invoices/&lt;participant&gt;.json</c>).</summary>
/// <param name="Document">Always <c>invoice</c>.</param>
/// <param name="Scenario">The scenario's name.</param>
/// <param name="Mechanism">The mechanism that cleared the market.</param>
/// <param name="Participant">Who is billed.</param>
/// <param name="Period">The billing period.</param>
/// <param name="Currency">Always <c>EUR</c>.</param>
/// <param name="Rounding">The rounding rule.</param>
/// <param name="Lines">The invoice lines.</param>
/// <param name="SubtotalsEur">The subtotal per category (every category, in the enumeration's order).</param>
/// <param name="TotalEur">The total, EUR.</param>
/// <param name="WithdrawalKwh">Energy withdrawn, kWh.</param>
/// <param name="InjectionKwh">Energy injected, kWh.</param>
/// <param name="Baseline">The retail baseline.</param>
/// <param name="SavingsBeforeCompensationEur">Savings against the baseline before compensation, EUR.</param>
/// <param name="SavingsEur">Savings against the baseline, EUR.</param>
/// <param name="WorseOff">Whether the participant pays more than on the retail tariff.</param>
/// <param name="Slots">The slots.</param>
public sealed record InvoiceJson(
    string Document,
    string Scenario,
    string Mechanism,
    InvoicePartyJson Participant,
    SettlementPeriodJson Period,
    string Currency,
    string Rounding,
    IReadOnlyList<InvoiceLineJson> Lines,
    OrderedDictionary<string, decimal> SubtotalsEur,
    decimal TotalEur,
    decimal WithdrawalKwh,
    decimal InjectionKwh,
    InvoiceBaselineJson Baseline,
    decimal SavingsBeforeCompensationEur,
    decimal SavingsEur,
    bool WorseOff,
    IReadOnlyList<InvoiceSlotJson> Slots);
