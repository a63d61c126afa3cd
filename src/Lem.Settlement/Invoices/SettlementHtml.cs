using Lem.Domain.Participants;
using System.Globalization;
using System.Text;
using Lem.Markets.Clearing;
using Lem.Settlement.Billing;

namespace Lem.Settlement.Invoices;

/// <summary>
/// Writes invoices and the community summary as readable HTML pages: well-formed XHTML (every element closed, every text
/// escaped, no named entities) with a small inline style sheet, so that programs can parse them as XML.
/// </summary>
/// <remarks>
/// Machine-readable hooks: invoice lines are <c>tr class="line"</c> with <c>data-code</c> and <c>data-category</c>;
/// amounts are in <c>td class="amount"</c> as plain numbers with two decimals; the total row has <c>id="total"</c>.
/// </remarks>
public static class SettlementHtml
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private const string Style = """
        body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2em auto; max-width: 62em; color: #1d2733; }
        h1 { font-size: 1.5em; margin-bottom: 0.2em; }
        h2 { font-size: 1.15em; margin-top: 1.6em; border-bottom: 1px solid #d5dbe3; padding-bottom: 0.2em; }
        table { border-collapse: collapse; width: 100%; margin-top: 0.6em; }
        th, td { padding: 0.3em 0.6em; border-bottom: 1px solid #e6e9ee; text-align: left; vertical-align: top; }
        th { background: #f3f5f8; font-weight: 600; }
        td.num, th.num, td.amount { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        tr.subtotal td { color: #4a5868; font-style: italic; }
        tr.total td { font-weight: 700; border-top: 2px solid #1d2733; }
        table.meta td:first-child { width: 14em; color: #4a5868; }
        .credit { color: #1b7a3a; }
        .worse { color: #b3261e; font-weight: 600; }
        p.note { color: #4a5868; font-size: 0.9em; }
        """;

    /// <summary>One participant's invoice as an HTML page.</summary>
    public static string Invoice(SettlementResult result, Invoice invoice)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(invoice);
        var p = invoice.Participant;
        var h = new StringBuilder();
        Open(h, $"Invoice {p.Id.Value} – {result.ScenarioName}");
        h.Append("<h1>Invoice: ").Append(Esc(p.Name ?? p.Id.Value)).Append("</h1>\n");
        h.Append("<table class=\"meta\">\n");
        Meta(h, "Participant", $"{p.Id.Value} ({RoleNames.Of(p.Role)})");
        Meta(h, "Community", result.ScenarioName);
        Meta(h, "Market mechanism", result.Mechanism);
        Meta(h, "Billing period", $"{SettlementJson.LocalTime(result.PeriodStart, result.Zone)} to {SettlementJson.LocalTime(result.PeriodEnd, result.Zone)} ({result.Zone.Id})");
        Meta(h, "Withdrawn / injected", $"{Kwh(invoice.WithdrawalKwh)} kWh / {Kwh(invoice.InjectionKwh)} kWh{(result.Metered ? " (metered where metered)" : " (scheduled)")}");
        h.Append("</table>\n");

        h.Append("<h2>Invoice lines</h2>\n<table class=\"lines\" id=\"lines\">\n<thead><tr><th>Category</th><th>Description</th><th class=\"num\">Quantity</th><th>Unit</th><th class=\"num\">Unit price (EUR)</th><th class=\"num\">Amount (EUR)</th></tr></thead>\n<tbody>\n");
        foreach (var line in invoice.Lines)
        {
            h.Append("<tr class=\"line\" data-code=\"").Append(Esc(line.Code)).Append("\" data-category=\"").Append(SettlementJson.CategoryName(line.Category)).Append("\">");
            Cell(h, CategoryTitle(line.Category));
            Cell(h, line.Description);
            Cell(h, line.Quantity is { } q ? Number(q) : string.Empty, "num");
            Cell(h, line.Unit ?? string.Empty);
            Cell(h, line.UnitPriceEur is { } u ? Number(u) : string.Empty, "num");
            Cell(h, Money(line.AmountEur), line.AmountEur < 0 ? "amount credit" : "amount");
            h.Append("</tr>\n");
        }

        h.Append("</tbody>\n<tfoot>\n");
        foreach (var category in Enum.GetValues<InvoiceCategory>().Where(c => invoice.Lines.Any(l => l.Category == c)))
        {
            h.Append("<tr class=\"subtotal\" data-category=\"").Append(SettlementJson.CategoryName(category)).Append("\"><td colspan=\"5\">Subtotal ")
                .Append(Esc(CategoryTitle(category).ToLowerInvariant())).Append("</td><td class=\"amount\">").Append(Money(invoice.SubtotalEur(category))).Append("</td></tr>\n");
        }

        h.Append("<tr class=\"total\"><td colspan=\"5\">Total ").Append(invoice.TotalEur >= 0 ? "to pay" : "credited to you").Append("</td><td class=\"amount\" id=\"total\">")
            .Append(Money(invoice.TotalEur)).Append("</td></tr>\n</tfoot>\n</table>\n");

        h.Append("<h2>Compared with the retail tariff</h2>\n<table class=\"baseline\" id=\"baseline\">\n<tbody>\n");
        Row(h, "baseline-import", "Withdrawals at the retail tariff", invoice.BaselineImportEur);
        Row(h, "baseline-export", "Injections at the feed-in tariff (credit)", -invoice.BaselineExportEur);
        Row(h, "baseline-total", "Baseline bill", invoice.BaselineEur);
        Row(h, "bill", "This invoice", invoice.TotalEur);
        h.Append("<tr class=\"total\" data-key=\"savings\"><td>").Append(invoice.SavingsEur >= 0 ? "Your savings" : "You pay more than on the retail tariff by").Append("</td><td class=\"amount")
            .Append(invoice.SavingsEur < 0 ? " worse" : string.Empty).Append("\" id=\"savings\">").Append(Money(invoice.SavingsEur)).Append("</td></tr>\n");
        h.Append("</tbody>\n</table>\n");
        h.Append("<p class=\"note\">Positive amounts are owed by the participant, negative amounts are credited. Every line is rounded to the cent, half away from zero; the total is the sum of the rounded lines. The baseline buys every withdrawn kWh at the supplier's all-in retail tariff and sells every injected kWh at the feed-in tariff.</p>\n");
        Close(h);
        return h.ToString();
    }

    /// <summary>The community summary as an HTML page; <paramref name="files"/> maps participants to their invoice file stems for links, or is null.</summary>
    public static string Summary(SettlementResult result, IReadOnlyDictionary<ParticipantId, string>? files = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var k = result.Kpis;
        var b = result.Budget;
        var h = new StringBuilder();
        Open(h, $"Community settlement – {result.ScenarioName}");
        h.Append("<h1>Community settlement: ").Append(Esc(result.ScenarioName)).Append("</h1>\n<table class=\"meta\">\n");
        Meta(h, "Market mechanism", result.Mechanism);
        Meta(h, "Billing period", $"{SettlementJson.LocalTime(result.PeriodStart, result.Zone)} to {SettlementJson.LocalTime(result.PeriodEnd, result.Zone)} ({result.Zone.Id})");
        Meta(h, "Invoices", result.Invoices.Count.ToString(Inv));
        Meta(h, "Meter readings", result.Metered ? "used (imbalances settled)" : "none (settled as scheduled)");
        h.Append("</table>\n");

        h.Append("<h2>Key figures</h2>\n<table class=\"kpis\" id=\"kpis\">\n<tbody>\n");
        Kpi(h, "welfare_eur", "Social welfare", $"{Money(k.WelfareEur)} EUR");
        Kpi(h, "self_sufficiency", "Self-sufficiency (withdrawals supplied locally)", Share(k.SelfSufficiency));
        Kpi(h, "self_consumption", "Self-consumption (injections used locally)", Share(k.SelfConsumption));
        Kpi(h, "local_traded_kwh", "Energy traded locally", $"{Kwh((decimal)k.LocalTradedKwh)} kWh");
        Kpi(h, "average_local_price_eur_per_mwh", "Average local price", k.AverageLocalPriceEurPerMwh is { } price ? $"{price.ToString("0.00", Inv)} EUR/MWh" : "–");
        Kpi(h, "peak_import_kw", "Peak import", k.PeakImportSlot is { } slot ? $"{k.PeakImportKw.ToString("0.00", Inv)} kW at {SettlementJson.LocalTime(result.SlotStarts[slot], result.Zone)}" : "no import");
        Kpi(h, "total_savings_eur", "Total savings against the retail tariff", $"{Money(k.TotalSavingsEur)} EUR");
        Kpi(h, "jain_index", "Jain's fairness index of the savings", k.JainIndex is { } j ? j.ToString("0.0000", Inv) : "–");
        Kpi(h, "gini_coefficient", "Gini coefficient of the savings", k.GiniCoefficient is { } g ? g.ToString("0.0000", Inv) : "– (mean saving not positive)");
        Kpi(h, "worse_off_count", "Participants worse off than on the retail tariff", k.WorseOff.Count == 0 ? "none" : string.Join(", ", k.WorseOff.Select(w => $"{w.Participant.Value} ({Money(w.SavingsEur)} EUR)")));
        Kpi(h, "compensation", "Compensation", SettlementJson.StatusName(result.Compensation.Status).Replace('_', ' '));
        h.Append("</tbody>\n</table>\n");

        h.Append("<h2>Budget identity</h2>\n<p>What buyers pay equals what sellers receive plus the grid tariffs, taxes, VAT, fees, the outside market, the imbalance and the operator's residual.</p>\n<table class=\"budget\" id=\"budget\">\n<tbody>\n");
        Row(h, "paid_by_buyers_eur", "Paid by buyers", b.PaidByBuyersEur);
        Row(h, "received_by_sellers_eur", "Received by sellers", b.ReceivedBySellersEur);
        Row(h, "grid_tariffs_eur", "Grid tariffs (to the DSO)", b.GridTariffsEur);
        Row(h, "taxes_and_levies_eur", "Taxes and levies", b.TaxesAndLeviesEur);
        Row(h, "vat_eur", "VAT", b.VatEur);
        Row(h, "operator_fees_eur", "Market operator fees", b.OperatorFeesEur);
        Row(h, "outside_market_eur", "Outside market (scheduled import − export)", b.OutsideMarketEur);
        Row(h, "imbalance_outside_eur", "Community imbalance at the reference price", b.ImbalanceOutsideEur);
        Row(h, "operator_residual_eur", "Operator residual", b.OperatorResidualEur);
        h.Append("</tbody>\n</table>\n<p class=\"note\">Residual = merchandising surplus ").Append(Number(b.MerchandisingSurplusEur)).Append(" + imbalance spread ").Append(Number(b.ImbalanceSpreadEur))
            .Append(" + rounding ").Append(Number(b.RoundingEur)).Append(" EUR (bound ").Append(Number(b.RoundingBoundEur)).Append(" EUR). Balanced: ").Append(b.IsBalanced ? "yes" : "NO").Append(".</p>\n");

        h.Append("<h2>Participants</h2>\n<table class=\"participants\" id=\"participants\">\n<thead><tr><th>Participant</th><th>Role</th><th class=\"num\">Bill (EUR)</th><th class=\"num\">Baseline (EUR)</th><th class=\"num\">Savings (EUR)</th><th class=\"num\">After compensation (EUR)</th></tr></thead>\n<tbody>\n");
        foreach (var i in result.Invoices)
        {
            h.Append("<tr class=\"participant\" data-id=\"").Append(Esc(i.Participant.Id.Value)).Append("\"><td>");
            if (files is not null && files.TryGetValue(i.Participant.Id, out var stem))
            {
                h.Append("<a href=\"").Append(Esc(Uri.EscapeDataString(stem) + ".html")).Append("\">").Append(Esc(i.Participant.Id.Value)).Append("</a>");
            }
            else
            {
                h.Append(Esc(i.Participant.Id.Value));
            }

            h.Append("</td>");
            Cell(h, RoleNames.Of(i.Participant.Role));
            Cell(h, Money(i.TotalBeforeCompensationEur), "amount");
            Cell(h, Money(i.BaselineEur), "amount");
            Cell(h, Money(i.SavingsBeforeCompensationEur), i.SavingsBeforeCompensationEur < 0 ? "amount worse" : "amount");
            Cell(h, Money(i.SavingsEur), i.SavingsEur < 0 ? "amount worse" : "amount");
            h.Append("</tr>\n");
        }

        h.Append("</tbody>\n</table>\n");
        Close(h);
        return h.ToString();
    }

    /// <summary>Escapes text for HTML/XML content and attribute values.</summary>
    public static string Esc(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                default:
                    // Control characters are not allowed in XML 1.0; replace them.
                    sb.Append(c < ' ' && c is not ('\t' or '\n' or '\r') ? '\uFFFD' : c);
                    break;
            }
        }

        return sb.ToString();
    }

    /// <summary>An amount of money as shown in the pages: two decimals, '.' as decimal point, no grouping.</summary>
    public static string Money(decimal eur) => SettlementJson.Eur(eur).ToString("0.00", Inv);

    private static string Number(decimal value) => SettlementJson.Trim(value).ToString("0.######", Inv);

    private static string Kwh(decimal value) => value.ToString("0.000", Inv);

    private static string Share(double? value) => value is { } v ? $"{(v * 100).ToString("0.0", Inv)} %" : "–";

    private static string CategoryTitle(InvoiceCategory category) => category switch
    {
        InvoiceCategory.Energy => "Energy",
        InvoiceCategory.GridTariff => "Grid tariff",
        InvoiceCategory.TaxesAndLevies => "Taxes and levies",
        InvoiceCategory.OperatorFee => "Operator fee",
        InvoiceCategory.Imbalance => "Imbalance",
        InvoiceCategory.Vat => "VAT",
        _ => "Compensation",
    };

    private static void Open(StringBuilder h, string title)
    {
        h.Append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\" xml:lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n<title>")
            .Append(Esc(title)).Append("</title>\n<style type=\"text/css\">\n").Append(Style).Append("\n</style>\n</head>\n<body>\n");
    }

    private static void Close(StringBuilder h) => h.Append("</body>\n</html>\n");

    private static void Meta(StringBuilder h, string key, string value) =>
        h.Append("<tr><td>").Append(Esc(key)).Append("</td><td>").Append(Esc(value)).Append("</td></tr>\n");

    private static void Kpi(StringBuilder h, string key, string label, string value) =>
        h.Append("<tr data-key=\"").Append(key).Append("\"><td>").Append(Esc(label)).Append("</td><td class=\"num\">").Append(Esc(value)).Append("</td></tr>\n");

    private static void Row(StringBuilder h, string key, string label, decimal eur) =>
        h.Append("<tr data-key=\"").Append(key).Append("\"><td>").Append(Esc(label)).Append("</td><td class=\"amount\">").Append(Money(eur)).Append("</td></tr>\n");

    private static void Cell(StringBuilder h, string text, string? cssClass = null)
    {
        h.Append(cssClass is null ? "<td>" : $"<td class=\"{cssClass}\">").Append(Esc(text)).Append("</td>");
    }
}
