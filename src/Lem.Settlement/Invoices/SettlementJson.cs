using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Lem.Domain.Participants;
using Lem.Markets.Clearing;
using Lem.Settlement.Billing;
using Lem.Settlement.Invoices.Json;
using Lem.Settlement.Kpis;
using NodaTime;

namespace Lem.Settlement.Invoices;

/// <summary>
/// Writes invoices, the community summary and the KPIs as JSON (snake_case names; money in EUR with two decimals,
/// exact amounts and quantities with their significant decimals) from the source-generated records in
/// <see cref="Json"/> (<see cref="SettlementJsonContext"/>).
/// </summary>
public static class SettlementJson
{
    /// <summary>The JSON name of an invoice category.</summary>
    public static string CategoryName(InvoiceCategory category) => category switch
    {
        InvoiceCategory.Energy => "energy",
        InvoiceCategory.GridTariff => "grid_tariff",
        InvoiceCategory.TaxesAndLevies => "taxes_and_levies",
        InvoiceCategory.OperatorFee => "operator_fee",
        InvoiceCategory.Imbalance => "imbalance",
        InvoiceCategory.Vat => "vat",
        _ => "compensation",
    };

    /// <summary>The JSON name of a compensation status.</summary>
    public static string StatusName(CompensationStatus status) => status switch
    {
        CompensationStatus.Disabled => "disabled",
        CompensationStatus.NotNeeded => "not_needed",
        CompensationStatus.Applied => "applied",
        _ => "insufficient_gain",
    };

    /// <summary>A local time stamp with offset, e.g. <c>2026-06-21T00:00+02:00</c>.</summary>
    public static string LocalTime(Instant instant, DateTimeZone zone) =>
        instant.InZone(zone).ToString("uuuu-MM-dd'T'HH:mmo<+HH:mm>", CultureInfo.InvariantCulture);

    /// <summary>An amount of money in EUR with exactly two decimals.</summary>
    public static decimal Eur(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero) + 0.00m;

    /// <summary>A decimal without trailing zeros.</summary>
    public static decimal Trim(decimal value) => value / 1.000000000000000000000000000000000m;

    /// <summary>One participant's invoice as a JSON document.</summary>
    public static string Invoice(SettlementResult result, Invoice invoice)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(invoice);
        var p = invoice.Participant;
        var record = new InvoiceJson(
            "invoice",
            result.ScenarioName,
            result.Mechanism,
            new InvoicePartyJson(p.Id.Value, p.Name, RoleNames.Of(p.Role)),
            Period(result),
            "EUR",
            "Each line is rounded to the cent, half away from zero; the total is the sum of the rounded lines.",
            [.. invoice.Lines.Select(l => new InvoiceLineJson(CategoryName(l.Category), l.Code, l.Description, Trim(l.Quantity), l.Unit, Trim(l.UnitPriceEur), Eur(l.AmountEur), Trim(l.ExactAmountEur)))],
            PerCategory(invoice.SubtotalEur),
            Eur(invoice.TotalEur),
            Trim(invoice.WithdrawalKwh),
            Trim(invoice.InjectionKwh),
            new InvoiceBaselineJson("Every withdrawn kWh at the retail tariff, every injected kWh at the feed-in tariff.", Eur(invoice.BaselineImportEur), Eur(invoice.BaselineExportEur), Eur(invoice.BaselineEur)),
            Eur(invoice.SavingsBeforeCompensationEur),
            Eur(invoice.SavingsEur),
            invoice.SavingsEur < 0,
            [.. invoice.Slots.Select(s => new InvoiceSlotJson(s.Slot, SlotStart(result, s.Slot), Trim(s.ScheduledKwh), Trim(s.MeteredKwh), Trim(s.PriceEurPerMwh), Trim(s.EnergyEur), Trim(s.ImbalanceEur)))]);
        return Document(record, SettlementJsonContext.Documents.InvoiceJson);
    }

    /// <summary>The community summary as a JSON document; <paramref name="files"/> maps each participant to its invoice file stem, or is null.</summary>
    public static string Summary(SettlementResult result, IReadOnlyDictionary<ParticipantId, string>? files = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var members = result.Invoices.Select(i =>
        {
            var stem = files is not null && files.TryGetValue(i.Participant.Id, out var s) ? s : null;
            return new CommunityMemberJson(
                i.Participant.Id.Value,
                i.Participant.Name,
                RoleNames.Of(i.Participant.Role),
                stem is null ? null : stem + ".json",
                stem is null ? null : stem + ".html",
                Eur(i.TotalEur),
                Eur(i.BaselineEur),
                Eur(i.SavingsBeforeCompensationEur),
                Eur(i.SavingsEur));
        });
        var totals = PerCategory(category => result.Invoices.Sum(i => i.SubtotalEur(category)));
        totals.Add("bills", Eur(result.Invoices.Sum(i => i.TotalEur)));
        var c = result.Compensation;
        var record = new CommunitySummaryJson(
            "community_summary",
            result.ScenarioName,
            result.Mechanism,
            Period(result),
            "EUR",
            result.Metered,
            result.Invoices.Count,
            [.. members],
            totals,
            Budget(result),
            new CompensationJson(StatusName(c.Status), Eur(c.DeficitEur), Eur(c.GainEur), [.. c.Transfers.Select(t => new CompensationTransferJson(t.Participant.Value, Eur(t.AmountEur)))]),
            KpisRecord(result));
        return Document(record, SettlementJsonContext.Documents.CommunitySummaryJson);
    }

    /// <summary>The KPIs as a JSON document (the content of <c>kpis.json</c>).</summary>
    public static string Kpis(SettlementResult result) => Document(KpisRecord(result), SettlementJsonContext.Documents.KpisJson);

    /// <summary>The KPIs as a record (<c>kpis.json</c>, and the <c>kpis</c> block of the community summary and of the run summary).</summary>
    public static KpisJson KpisRecord(SettlementResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var k = result.Kpis;
        return new KpisJson(
            result.Mechanism,
            k.WelfareEur,
            k.Energy.WithdrawalKwh,
            k.Energy.InjectionKwh,
            k.Energy.LocalMatchedKwh,
            k.Energy.ImportKwh,
            k.Energy.ExportKwh,
            Finite(k.SelfSufficiency),
            Finite(k.SelfConsumption),
            k.LocalTradedKwh,
            Finite(k.AverageLocalPriceEurPerMwh),
            k.PeakImportKw,
            k.PeakImportSlot,
            k.PeakImportSlot is { } slot ? SlotStart(result, slot) : null,
            Eur(k.TotalBillsEur),
            Eur(k.TotalBaselineEur),
            Eur(k.TotalSavingsEur),
            Finite(k.JainIndex),
            Finite(k.GiniCoefficient),
            Finite(k.JainIndexAfterCompensation),
            Finite(k.GiniCoefficientAfterCompensation),
            StatusName(result.Compensation.Status),
            k.WorseOff.Count,
            Savings(k.WorseOff),
            k.WorseOffAfterCompensation.Count,
            Savings(k.WorseOffAfterCompensation),
            Savings(k.Savings));
    }

    private static SavingsJson[] Savings(IReadOnlyList<ParticipantSavings> list) =>
        [.. list.Select(s => new SavingsJson(s.Participant.Value, Eur(s.BillEur), Eur(s.BaselineEur), Eur(s.SavingsEur), Eur(s.SavingsAfterCompensationEur)))];

    private static BudgetJson Budget(SettlementResult result)
    {
        var b = result.Budget;
        return new BudgetJson(
            "paid_by_buyers = received_by_sellers + grid_tariffs + taxes_and_levies + vat + operator_fees + outside_market + imbalance_outside + operator_residual",
            b.IsBalanced,
            Eur(b.PaidByBuyersEur),
            Eur(b.ReceivedBySellersEur),
            Eur(b.GridTariffsEur),
            Eur(b.TaxesAndLeviesEur),
            Eur(b.VatEur),
            Eur(b.OperatorFeesEur),
            Eur(b.OutsideMarketEur),
            Eur(b.ImbalanceOutsideEur),
            Eur(b.OperatorResidualEur),
            new BudgetResidualJson(Trim(b.MerchandisingSurplusEur), Trim(b.ImbalanceSpreadEur), Trim(b.RoundingEur), Trim(b.RoundingBoundEur)),
            Eur(b.EnergyEur),
            Eur(b.ImbalanceParticipantsEur),
            Eur(b.CompensationEur),
            [.. b.Slots.Select(s => new BudgetSlotJson(s.Slot, SlotStart(result, s.Slot), Trim(s.EnergyEur), Trim(s.ImbalanceEur), Trim(s.OutsideMarketEur), Trim(s.ImbalanceOutsideEur), Trim(s.ResidualEur)))]);
    }

    /// <summary>An amount per invoice category, in the enumeration's order, EUR with two decimals.</summary>
    private static OrderedDictionary<string, decimal> PerCategory(Func<InvoiceCategory, decimal> amountEur)
    {
        var amounts = new OrderedDictionary<string, decimal>();
        foreach (var category in Enum.GetValues<InvoiceCategory>())
        {
            amounts.Add(CategoryName(category), Eur(amountEur(category)));
        }

        return amounts;
    }

    private static SettlementPeriodJson Period(SettlementResult result) =>
        new(LocalTime(result.PeriodStart, result.Zone), LocalTime(result.PeriodEnd, result.Zone), result.Zone.Id, result.SlotStarts.Count);

    private static string SlotStart(SettlementResult result, int slot) => LocalTime(result.SlotStarts[slot], result.Zone);

    private static decimal? Trim(decimal? value) => value is { } v ? Trim(v) : null;

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;

    private static string Document<T>(T record, JsonTypeInfo<T> type) => JsonSerializer.Serialize(record, type) + "\n";
}
