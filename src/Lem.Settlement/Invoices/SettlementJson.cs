using Lem.Domain.Participants;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Lem.Markets.Clearing;
using Lem.Settlement.Billing;
using Lem.Settlement.Kpis;
using NodaTime;

namespace Lem.Settlement.Invoices;

/// <summary>
/// Writes invoices, the community summary and the KPIs as JSON (snake_case names; money in EUR with two decimals,
/// exact amounts and quantities with their significant decimals).
/// </summary>
public static class SettlementJson
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

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
    public static string Invoice(SettlementResult result, Invoice invoice) => Document(w =>
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(invoice);
        w.WriteString("document", "invoice");
        w.WriteString("scenario", result.ScenarioName);
        w.WriteString("mechanism", result.Mechanism);
        WriteParticipant(w, invoice.Participant);
        WritePeriod(w, result);
        w.WriteString("currency", "EUR");
        w.WriteString("rounding", "Each line is rounded to the cent, half away from zero; the total is the sum of the rounded lines.");
        w.WriteStartArray("lines");
        foreach (var line in invoice.Lines)
        {
            w.WriteStartObject();
            w.WriteString("category", CategoryName(line.Category));
            w.WriteString("code", line.Code);
            w.WriteString("description", line.Description);
            WriteNullable(w, "quantity", line.Quantity);
            if (line.Unit is null)
            {
                w.WriteNull("unit");
            }
            else
            {
                w.WriteString("unit", line.Unit);
            }

            WriteNullable(w, "unit_price_eur", line.UnitPriceEur);
            w.WriteNumber("amount_eur", Eur(line.AmountEur));
            w.WriteNumber("exact_amount_eur", Trim(line.ExactAmountEur));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartObject("subtotals_eur");
        foreach (var category in Enum.GetValues<InvoiceCategory>())
        {
            w.WriteNumber(CategoryName(category), Eur(invoice.SubtotalEur(category)));
        }

        w.WriteEndObject();
        w.WriteNumber("total_eur", Eur(invoice.TotalEur));
        w.WriteNumber("withdrawal_kwh", Trim(invoice.WithdrawalKwh));
        w.WriteNumber("injection_kwh", Trim(invoice.InjectionKwh));
        w.WriteStartObject("baseline");
        w.WriteString("rule", "Every withdrawn kWh at the retail tariff, every injected kWh at the feed-in tariff.");
        w.WriteNumber("import_eur", Eur(invoice.BaselineImportEur));
        w.WriteNumber("export_eur", Eur(invoice.BaselineExportEur));
        w.WriteNumber("total_eur", Eur(invoice.BaselineEur));
        w.WriteEndObject();
        w.WriteNumber("savings_before_compensation_eur", Eur(invoice.SavingsBeforeCompensationEur));
        w.WriteNumber("savings_eur", Eur(invoice.SavingsEur));
        w.WriteBoolean("worse_off", invoice.SavingsEur < 0);
        w.WriteStartArray("slots");
        foreach (var s in invoice.Slots)
        {
            w.WriteStartObject();
            w.WriteNumber("slot", s.Slot);
            w.WriteString("start", LocalTime(result.SlotStarts[s.Slot], result.Zone));
            w.WriteNumber("scheduled_kwh", Trim(s.ScheduledKwh));
            WriteNullable(w, "metered_kwh", s.MeteredKwh);
            w.WriteNumber("price_eur_per_mwh", Trim(s.PriceEurPerMwh));
            w.WriteNumber("energy_eur", Trim(s.EnergyEur));
            w.WriteNumber("imbalance_eur", Trim(s.ImbalanceEur));
            w.WriteEndObject();
        }

        w.WriteEndArray();
    });

    /// <summary>The community summary as a JSON document; <paramref name="files"/> maps each participant to its invoice file stem, or is null.</summary>
    public static string Summary(SettlementResult result, IReadOnlyDictionary<ParticipantId, string>? files = null) => Document(w =>
    {
        ArgumentNullException.ThrowIfNull(result);
        w.WriteString("document", "community_summary");
        w.WriteString("scenario", result.ScenarioName);
        w.WriteString("mechanism", result.Mechanism);
        WritePeriod(w, result);
        w.WriteString("currency", "EUR");
        w.WriteBoolean("metered", result.Metered);
        w.WriteNumber("invoice_count", result.Invoices.Count);
        w.WriteStartArray("participants");
        foreach (var i in result.Invoices)
        {
            w.WriteStartObject();
            w.WriteString("id", i.Participant.Id.Value);
            WriteName(w, i.Participant.Name);
            w.WriteString("role", RoleNames.Of(i.Participant.Role));
            if (files is not null && files.TryGetValue(i.Participant.Id, out var stem))
            {
                w.WriteString("invoice_json", stem + ".json");
                w.WriteString("invoice_html", stem + ".html");
            }

            w.WriteNumber("total_eur", Eur(i.TotalEur));
            w.WriteNumber("baseline_eur", Eur(i.BaselineEur));
            w.WriteNumber("savings_before_compensation_eur", Eur(i.SavingsBeforeCompensationEur));
            w.WriteNumber("savings_eur", Eur(i.SavingsEur));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartObject("totals_eur");
        foreach (var category in Enum.GetValues<InvoiceCategory>())
        {
            w.WriteNumber(CategoryName(category), Eur(result.Invoices.Sum(i => i.SubtotalEur(category))));
        }

        w.WriteNumber("bills", Eur(result.Invoices.Sum(i => i.TotalEur)));
        w.WriteEndObject();
        WriteBudget(w, result);
        WriteCompensation(w, result);
        w.WriteStartObject("kpis");
        WriteKpiProperties(w, result);
        w.WriteEndObject();
    });

    /// <summary>The KPIs as a JSON document (the content of <c>kpis.json</c> and of the <c>kpis</c> block of the run summary).</summary>
    public static string Kpis(SettlementResult result) => Document(w =>
    {
        ArgumentNullException.ThrowIfNull(result);
        WriteKpiProperties(w, result);
    });

    /// <summary>Writes the KPI properties into the current JSON object.</summary>
    public static void WriteKpiProperties(Utf8JsonWriter w, SettlementResult result)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(result);
        var k = result.Kpis;
        w.WriteString("mechanism", result.Mechanism);
        w.WriteNumber("welfare_eur", k.WelfareEur);
        w.WriteNumber("withdrawal_kwh", k.WithdrawalKwh);
        w.WriteNumber("injection_kwh", k.InjectionKwh);
        w.WriteNumber("local_matched_kwh", k.LocalMatchedKwh);
        w.WriteNumber("import_kwh", k.ImportKwh);
        w.WriteNumber("export_kwh", k.ExportKwh);
        WriteNullable(w, "self_sufficiency", k.SelfSufficiency);
        WriteNullable(w, "self_consumption", k.SelfConsumption);
        w.WriteNumber("local_traded_kwh", k.LocalTradedKwh);
        WriteNullable(w, "average_local_price_eur_per_mwh", k.AverageLocalPriceEurPerMwh);
        w.WriteNumber("peak_import_kw", k.PeakImportKw);
        if (k.PeakImportSlot is { } slot)
        {
            w.WriteNumber("peak_import_slot", slot);
            w.WriteString("peak_import_time", LocalTime(result.SlotStarts[slot], result.Zone));
        }
        else
        {
            w.WriteNull("peak_import_slot");
            w.WriteNull("peak_import_time");
        }

        w.WriteNumber("total_bills_eur", Eur(k.TotalBillsEur));
        w.WriteNumber("total_baseline_eur", Eur(k.TotalBaselineEur));
        w.WriteNumber("total_savings_eur", Eur(k.TotalSavingsEur));
        WriteNullable(w, "jain_index", k.JainIndex);
        WriteNullable(w, "gini_coefficient", k.GiniCoefficient);
        WriteNullable(w, "jain_index_after_compensation", k.JainIndexAfterCompensation);
        WriteNullable(w, "gini_coefficient_after_compensation", k.GiniCoefficientAfterCompensation);
        w.WriteString("compensation", StatusName(result.Compensation.Status));
        w.WriteNumber("worse_off_count", k.WorseOff.Count);
        WriteSavingsList(w, "worse_off", k.WorseOff);
        w.WriteNumber("worse_off_after_compensation_count", k.WorseOffAfterCompensation.Count);
        WriteSavingsList(w, "worse_off_after_compensation", k.WorseOffAfterCompensation);
        WriteSavingsList(w, "savings", k.Savings);
    }

    private static void WriteSavingsList(Utf8JsonWriter w, string name, IReadOnlyList<ParticipantSavings> list)
    {
        w.WriteStartArray(name);
        foreach (var s in list)
        {
            w.WriteStartObject();
            w.WriteString("participant", s.Participant.Value);
            w.WriteNumber("bill_eur", Eur(s.BillEur));
            w.WriteNumber("baseline_eur", Eur(s.BaselineEur));
            w.WriteNumber("savings_eur", Eur(s.SavingsEur));
            w.WriteNumber("savings_after_compensation_eur", Eur(s.SavingsAfterCompensationEur));
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteBudget(Utf8JsonWriter w, SettlementResult result)
    {
        var b = result.Budget;
        w.WriteStartObject("budget");
        w.WriteString("identity", "paid_by_buyers = received_by_sellers + grid_tariffs + taxes_and_levies + vat + operator_fees + outside_market + imbalance_outside + operator_residual");
        w.WriteBoolean("balanced", b.IsBalanced);
        w.WriteNumber("paid_by_buyers_eur", Eur(b.PaidByBuyersEur));
        w.WriteNumber("received_by_sellers_eur", Eur(b.ReceivedBySellersEur));
        w.WriteNumber("grid_tariffs_eur", Eur(b.GridTariffsEur));
        w.WriteNumber("taxes_and_levies_eur", Eur(b.TaxesAndLeviesEur));
        w.WriteNumber("vat_eur", Eur(b.VatEur));
        w.WriteNumber("operator_fees_eur", Eur(b.OperatorFeesEur));
        w.WriteNumber("outside_market_eur", Eur(b.OutsideMarketEur));
        w.WriteNumber("imbalance_outside_eur", Eur(b.ImbalanceOutsideEur));
        w.WriteNumber("operator_residual_eur", Eur(b.OperatorResidualEur));
        w.WriteStartObject("residual");
        w.WriteNumber("merchandising_surplus_eur", Trim(b.MerchandisingSurplusEur));
        w.WriteNumber("imbalance_spread_eur", Trim(b.ImbalanceSpreadEur));
        w.WriteNumber("rounding_eur", Trim(b.RoundingEur));
        w.WriteNumber("rounding_bound_eur", Trim(b.RoundingBoundEur));
        w.WriteEndObject();
        w.WriteNumber("energy_eur", Eur(b.EnergyEur));
        w.WriteNumber("imbalance_participants_eur", Eur(b.ImbalanceParticipantsEur));
        w.WriteNumber("compensation_eur", Eur(b.CompensationEur));
        w.WriteStartArray("slots");
        foreach (var s in b.Slots)
        {
            w.WriteStartObject();
            w.WriteNumber("slot", s.Slot);
            w.WriteString("start", LocalTime(result.SlotStarts[s.Slot], result.Zone));
            w.WriteNumber("energy_eur", Trim(s.EnergyEur));
            w.WriteNumber("imbalance_eur", Trim(s.ImbalanceEur));
            w.WriteNumber("outside_market_eur", Trim(s.OutsideMarketEur));
            w.WriteNumber("imbalance_outside_eur", Trim(s.ImbalanceOutsideEur));
            w.WriteNumber("residual_eur", Trim(s.ResidualEur));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteCompensation(Utf8JsonWriter w, SettlementResult result)
    {
        var c = result.Compensation;
        w.WriteStartObject("compensation");
        w.WriteString("status", StatusName(c.Status));
        w.WriteNumber("deficit_eur", Eur(c.DeficitEur));
        w.WriteNumber("gain_eur", Eur(c.GainEur));
        w.WriteStartArray("transfers");
        foreach (var t in c.Transfers)
        {
            w.WriteStartObject();
            w.WriteString("participant", t.Participant.Value);
            w.WriteNumber("amount_eur", Eur(t.AmountEur));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteParticipant(Utf8JsonWriter w, BilledParticipant p)
    {
        w.WriteStartObject("participant");
        w.WriteString("id", p.Id.Value);
        WriteName(w, p.Name);
        w.WriteString("role", RoleNames.Of(p.Role));
        w.WriteEndObject();
    }

    private static void WriteName(Utf8JsonWriter w, string? name)
    {
        if (name is null)
        {
            w.WriteNull("name");
        }
        else
        {
            w.WriteString("name", name);
        }
    }

    private static void WritePeriod(Utf8JsonWriter w, SettlementResult result)
    {
        w.WriteStartObject("period");
        w.WriteString("start", LocalTime(result.PeriodStart, result.Zone));
        w.WriteString("end", LocalTime(result.PeriodEnd, result.Zone));
        w.WriteString("time_zone", result.Zone.Id);
        w.WriteNumber("slot_count", result.SlotStarts.Count);
        w.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, decimal? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, Trim(v));
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static string Document(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }
}
