using System.Text.Json;
using Lem.Settlement.Billing;
using Lem.Settlement.Invoices;
using Lem.Settlement.Tests.Billing;

namespace Lem.Settlement.Tests.Invoices;

/// <summary>
/// The settlement documents keep the field names and their order that outside checks read (the lists below are the
/// documents' contract, docs/settlement.md), and write text as it is: names with non-ASCII letters and offsets such as
/// <c>+02:00</c> are not escaped.
/// </summary>
public sealed class SettlementJsonFieldTests
{
    private static readonly string[] KpiFields =
    [
        "mechanism", "welfare_eur", "withdrawal_kwh", "injection_kwh", "local_matched_kwh", "import_kwh", "export_kwh",
        "self_sufficiency", "self_consumption", "local_traded_kwh", "average_local_price_eur_per_mwh", "peak_import_kw",
        "peak_import_slot", "peak_import_time", "total_bills_eur", "total_baseline_eur", "total_savings_eur", "jain_index",
        "gini_coefficient", "jain_index_after_compensation", "gini_coefficient_after_compensation", "compensation",
        "worse_off_count", "worse_off", "worse_off_after_compensation_count", "worse_off_after_compensation", "savings",
    ];

    private static readonly string[] CategoryFields = ["energy", "grid_tariff", "taxes_and_levies", "operator_fee", "imbalance", "vat", "compensation"];

    private static string[] Names(JsonElement e) => [.. e.EnumerateObject().Select(p => p.Name)];

    [Theory]
    [InlineData(11)]
    [InlineData(2024)]
    public void Invoice_HasTheFieldsInOrder(int seed)
    {
        var result = SettlementEngine.Settle(RandomSettlementCase.Create(seed).Request);
        var invoice = result.Invoices[0];
        using var doc = JsonDocument.Parse(SettlementJson.Invoice(result, invoice));
        var root = doc.RootElement;

        Assert.Equal(
            [
                "document", "scenario", "mechanism", "participant", "period", "currency", "rounding", "lines", "subtotals_eur", "total_eur",
                "withdrawal_kwh", "injection_kwh", "baseline", "savings_before_compensation_eur", "savings_eur", "worse_off", "slots",
            ],
            Names(root));
        Assert.Equal("invoice", root.GetProperty("document").GetString());
        Assert.Equal(["id", "name", "role"], Names(root.GetProperty("participant")));
        Assert.Equal(["start", "end", "time_zone", "slot_count"], Names(root.GetProperty("period")));
        Assert.Equal(CategoryFields, Names(root.GetProperty("subtotals_eur")));
        Assert.Equal(["rule", "import_eur", "export_eur", "total_eur"], Names(root.GetProperty("baseline")));
        foreach (var line in root.GetProperty("lines").EnumerateArray())
        {
            Assert.Equal(["category", "code", "description", "quantity", "unit", "unit_price_eur", "amount_eur", "exact_amount_eur"], Names(line));
        }

        Assert.Equal(invoice.Slots.Count, root.GetProperty("slots").GetArrayLength());
        foreach (var slot in root.GetProperty("slots").EnumerateArray())
        {
            Assert.Equal(["slot", "start", "scheduled_kwh", "metered_kwh", "price_eur_per_mwh", "energy_eur", "imbalance_eur"], Names(slot));
        }

        // The subtotals are the invoice's own, rounded to the cent.
        foreach (var category in Enum.GetValues<InvoiceCategory>())
        {
            Assert.Equal(Math.Round(invoice.SubtotalEur(category), 2, MidpointRounding.AwayFromZero), root.GetProperty("subtotals_eur").GetProperty(SettlementJson.CategoryName(category)).GetDecimal());
        }
    }

    [Theory]
    [InlineData(11)]
    [InlineData(77777)]
    public void CommunitySummary_AndKpis_HaveTheFieldsInOrder(int seed)
    {
        var result = SettlementEngine.Settle(RandomSettlementCase.Create(seed).Request);
        var stems = InvoiceFileNames.Assign(result.Invoices.Select(i => i.Participant.Id));
        using var doc = JsonDocument.Parse(SettlementJson.Summary(result, stems));
        var root = doc.RootElement;

        Assert.Equal(
            ["document", "scenario", "mechanism", "period", "currency", "metered", "invoice_count", "participants", "totals_eur", "budget", "compensation", "kpis"],
            Names(root));
        Assert.Equal(
            ["id", "name", "role", "invoice_json", "invoice_html", "total_eur", "baseline_eur", "savings_before_compensation_eur", "savings_eur"],
            Names(root.GetProperty("participants")[0]));
        Assert.Equal([.. CategoryFields, "bills"], Names(root.GetProperty("totals_eur")));
        Assert.Equal(
            [
                "identity", "balanced", "paid_by_buyers_eur", "received_by_sellers_eur", "grid_tariffs_eur", "taxes_and_levies_eur", "vat_eur",
                "operator_fees_eur", "outside_market_eur", "imbalance_outside_eur", "operator_residual_eur", "residual", "energy_eur",
                "imbalance_participants_eur", "compensation_eur", "slots",
            ],
            Names(root.GetProperty("budget")));
        Assert.Equal(["merchandising_surplus_eur", "imbalance_spread_eur", "rounding_eur", "rounding_bound_eur"], Names(root.GetProperty("budget").GetProperty("residual")));
        Assert.Equal(["slot", "start", "energy_eur", "imbalance_eur", "outside_market_eur", "imbalance_outside_eur", "residual_eur"], Names(root.GetProperty("budget").GetProperty("slots")[0]));
        Assert.Equal(["status", "deficit_eur", "gain_eur", "transfers"], Names(root.GetProperty("compensation")));
        Assert.Equal(KpiFields, Names(root.GetProperty("kpis")));
        Assert.Equal(["participant", "bill_eur", "baseline_eur", "savings_eur", "savings_after_compensation_eur"], Names(root.GetProperty("kpis").GetProperty("savings")[0]));

        using var kpis = JsonDocument.Parse(SettlementJson.Kpis(result));
        Assert.Equal(KpiFields, Names(kpis.RootElement));
        Assert.Equal(root.GetProperty("kpis").GetRawText(), kpis.RootElement.GetRawText().Replace("\n", "\n  ", StringComparison.Ordinal));
    }

    [Fact]
    public void CommunitySummary_WithoutFiles_LeavesTheFileNamesOut()
    {
        var result = SettlementEngine.Settle(RandomSettlementCase.Create(2024).Request);
        using var doc = JsonDocument.Parse(SettlementJson.Summary(result));
        foreach (var p in doc.RootElement.GetProperty("participants").EnumerateArray())
        {
            Assert.Equal(["id", "name", "role", "total_eur", "baseline_eur", "savings_before_compensation_eur", "savings_eur"], Names(p));
        }
    }

    [Fact]
    public void NonAsciiNames_AndOffsets_AreWrittenAsTheyAre()
    {
        const string name = "Jürgen Bäcker";
        var request = RandomSettlementCase.Create(2024).Request;
        request = request with { Participants = [.. request.Participants.Select((p, i) => i == 0 ? p with { Name = name } : p)] };
        var result = SettlementEngine.Settle(request);
        var invoice = result.Invoices.Single(i => i.Participant.Id == request.Participants[0].Id);

        var json = SettlementJson.Invoice(result, invoice);

        Assert.Contains($"\"name\": \"{name}\"", json, StringComparison.Ordinal);
        var start = SettlementJson.LocalTime(result.PeriodStart, result.Zone);
        Assert.Contains($"\"start\": \"{start}\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", json, StringComparison.Ordinal);
        Assert.EndsWith("}\n", json, StringComparison.Ordinal);
    }
}
