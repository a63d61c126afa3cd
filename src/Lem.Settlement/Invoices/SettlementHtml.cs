using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Lem.Domain.Participants;
using Lem.Markets.Clearing;
using Lem.Settlement.Allocation;
using Lem.Settlement.Billing;

namespace Lem.Settlement.Invoices;

/// <summary>
/// Writes invoices and the community summary as readable HTML pages: well-formed XHTML built as an XML tree
/// (<see cref="XElement"/>), so every element is closed and every text and attribute escaped by the XML writer, with a
/// small inline style sheet; programs can parse the pages as XML.
/// </summary>
/// <remarks>
/// Machine-readable hooks: invoice lines are <c>tr class="line"</c> with <c>data-code</c> and <c>data-category</c>;
/// amounts are in <c>td class="amount"</c> as plain numbers with two decimals; the total row has <c>id="total"</c>.
/// </remarks>
public static class SettlementHtml
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static readonly XNamespace X = "http://www.w3.org/1999/xhtml";

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

        var lines = new XElement(X + "tbody");
        foreach (var line in invoice.Lines)
        {
            lines.Add(new XElement(
                X + "tr",
                Attr("class", "line"),
                Attr("data-code", line.Code),
                Attr("data-category", SettlementJson.CategoryName(line.Category)),
                Cell(CategoryTitle(line.Category)),
                Cell(line.Description),
                Cell(line.Quantity is { } q ? Number(q) : string.Empty, "num"),
                Cell(line.Unit ?? string.Empty),
                Cell(line.UnitPriceEur is { } u ? Number(u) : string.Empty, "num"),
                Cell(Money(line.AmountEur), line.AmountEur < 0 ? "amount credit" : "amount")));
        }

        var foot = new XElement(X + "tfoot");
        foreach (var category in Enum.GetValues<InvoiceCategory>().Where(c => invoice.Lines.Any(l => l.Category == c)))
        {
            foot.Add(new XElement(
                X + "tr",
                Attr("class", "subtotal"),
                Attr("data-category", SettlementJson.CategoryName(category)),
                new XElement(X + "td", Attr("colspan", "5"), Text("Subtotal " + CategoryTitle(category).ToLowerInvariant())),
                Cell(Money(invoice.SubtotalEur(category)), "amount")));
        }

        foot.Add(new XElement(
            X + "tr",
            Attr("class", "total"),
            new XElement(X + "td", Attr("colspan", "5"), Text("Total " + (invoice.TotalEur >= 0 ? "to pay" : "credited to you"))),
            new XElement(X + "td", Attr("class", "amount"), Attr("id", "total"), Text(Money(invoice.TotalEur)))));

        var page = Page(
            $"Invoice {p.Id.Value} – {result.ScenarioName}",
            new XElement(X + "h1", Text("Invoice: " + (p.Name ?? p.Id.Value))),
            new XElement(
                X + "table",
                Attr("class", "meta"),
                Meta("Participant", $"{p.Id.Value} ({RoleNames.Of(p.Role)})"),
                Meta("Community", result.ScenarioName),
                Meta("Market mechanism", result.Mechanism),
                Meta("Billing period", $"{SettlementJson.LocalTime(result.PeriodStart, result.Zone)} to {SettlementJson.LocalTime(result.PeriodEnd, result.Zone)} ({result.Zone.Id})"),
                Meta("Withdrawn / injected", $"{Kwh(invoice.WithdrawalKwh)} kWh / {Kwh(invoice.InjectionKwh)} kWh{(result.Metered ? " (metered where metered)" : " (scheduled)")}")),
            Heading("Invoice lines"),
            Table(
                "lines",
                Head("Category", "Description", "#Quantity", "Unit", "#Unit price (EUR)", "#Amount (EUR)"),
                lines,
                foot),
            Heading("Compared with the retail tariff"),
            Table(
                "baseline",
                new XElement(
                    X + "tbody",
                    Row("baseline-import", "Withdrawals at the retail tariff", invoice.BaselineImportEur),
                    Row("baseline-export", "Injections at the feed-in tariff (credit)", -invoice.BaselineExportEur),
                    Row("baseline-total", "Baseline bill", invoice.BaselineEur),
                    Row("bill", "This invoice", invoice.TotalEur),
                    new XElement(
                        X + "tr",
                        Attr("class", "total"),
                        Attr("data-key", "savings"),
                        Cell(invoice.SavingsEur >= 0 ? "Your savings" : "You pay more than on the retail tariff by"),
                        new XElement(X + "td", Attr("class", invoice.SavingsEur < 0 ? "amount worse" : "amount"), Attr("id", "savings"), Text(Money(invoice.SavingsEur)))))),
            Note("Positive amounts are owed by the participant, negative amounts are credited. Every line is rounded to the cent, half away from zero; the total is the sum of the rounded lines. The baseline buys every withdrawn kWh at the supplier's all-in retail tariff and sells every injected kWh at the feed-in tariff."));
        return Write(page);
    }

    /// <summary>The community summary as an HTML page; <paramref name="files"/> maps participants to their invoice file stems for links, or is null.</summary>
    public static string Summary(SettlementResult result, IReadOnlyDictionary<ParticipantId, string>? files = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var k = result.Kpis;
        var b = result.Budget;

        var participants = new XElement(X + "tbody");
        foreach (var i in result.Invoices)
        {
            var id = i.Participant.Id.Value;
            object name = files is not null && files.TryGetValue(i.Participant.Id, out var stem)
                ? new XElement(X + "a", Attr("href", Uri.EscapeDataString(stem) + ".html"), Text(id))
                : Text(id);
            participants.Add(new XElement(
                X + "tr",
                Attr("class", "participant"),
                Attr("data-id", id),
                new XElement(X + "td", name),
                Cell(RoleNames.Of(i.Participant.Role)),
                Cell(Money(i.TotalBeforeCompensationEur), "amount"),
                Cell(Money(i.BaselineEur), "amount"),
                Cell(Money(i.SavingsBeforeCompensationEur), i.SavingsBeforeCompensationEur < 0 ? "amount worse" : "amount"),
                Cell(Money(i.SavingsEur), i.SavingsEur < 0 ? "amount worse" : "amount")));
        }

        var page = Page(
            $"Community settlement – {result.ScenarioName}",
            new XElement(X + "h1", Text("Community settlement: " + result.ScenarioName)),
            new XElement(
                X + "table",
                Attr("class", "meta"),
                Meta("Market mechanism", result.Mechanism),
                Meta("Billing period", $"{SettlementJson.LocalTime(result.PeriodStart, result.Zone)} to {SettlementJson.LocalTime(result.PeriodEnd, result.Zone)} ({result.Zone.Id})"),
                Meta("Invoices", result.Invoices.Count.ToString(Inv)),
                Meta("Meter readings", result.Metered ? "used (imbalances settled)" : "none (settled as scheduled)")),
            Heading("Key figures"),
            Table(
                "kpis",
                new XElement(
                    X + "tbody",
                    Kpi("welfare_eur", "Social welfare", $"{Money(k.WelfareEur)} EUR"),
                    Kpi("self_sufficiency", "Self-sufficiency (withdrawals supplied locally)", Share(k.SelfSufficiency)),
                    Kpi("self_consumption", "Self-consumption (injections used locally)", Share(k.SelfConsumption)),
                    Kpi("local_traded_kwh", "Energy traded locally", $"{Kwh((decimal)k.LocalTradedKwh)} kWh"),
                    Kpi("average_local_price_eur_per_mwh", "Average local price", k.AverageLocalPriceEurPerMwh is { } price ? $"{price.ToString("0.00", Inv)} EUR/MWh" : "–"),
                    Kpi("peak_import_kw", "Peak import", k.PeakImportSlot is { } slot ? $"{k.PeakImportKw.ToString("0.00", Inv)} kW at {SettlementJson.LocalTime(result.SlotStarts[slot], result.Zone)}" : "no import"),
                    Kpi("total_savings_eur", "Total savings against the retail tariff", $"{Money(k.TotalSavingsEur)} EUR"),
                    Kpi("jain_index", "Jain's fairness index of the savings", k.JainIndex is { } j ? j.ToString("0.0000", Inv) : "–"),
                    Kpi("gini_coefficient", "Gini coefficient of the savings", (k.GiniCoefficient is { } g ? g.ToString("0.0000", Inv) : "– (all savings zero)") + (FairnessIndex.NegativeValuesCaveat([.. k.Savings.Select(x => (double)x.SavingsEur)], "savings") is { } caveat ? $" ({caveat})" : string.Empty)),
                    Kpi("worse_off_count", "Participants worse off than on the retail tariff", k.WorseOff.Count == 0 ? "none" : string.Join(", ", k.WorseOff.Select(w => $"{w.Participant.Value} ({Money(w.SavingsEur)} EUR)"))),
                    Kpi("compensation", "Compensation", SettlementJson.StatusName(result.Compensation.Status).Replace('_', ' ')))),
            Heading("Budget identity"),
            new XElement(X + "p", Text("What buyers pay equals what sellers receive plus the grid tariffs, taxes, VAT, fees, the outside market, the imbalance and the operator's residual.")),
            Table(
                "budget",
                new XElement(
                    X + "tbody",
                    Row("paid_by_buyers_eur", "Paid by buyers", b.PaidByBuyersEur),
                    Row("received_by_sellers_eur", "Received by sellers", b.ReceivedBySellersEur),
                    Row("grid_tariffs_eur", "Grid tariffs (to the DSO)", b.GridTariffsEur),
                    Row("taxes_and_levies_eur", "Taxes and levies", b.TaxesAndLeviesEur),
                    Row("vat_eur", "VAT", b.VatEur),
                    Row("operator_fees_eur", "Market operator fees", b.OperatorFeesEur),
                    Row("outside_market_eur", "Outside market (scheduled import − export)", b.OutsideMarketEur),
                    Row("imbalance_outside_eur", "Community imbalance at the reference price", b.ImbalanceOutsideEur),
                    Row("operator_residual_eur", "Operator residual", b.OperatorResidualEur))),
            Note($"Residual = merchandising surplus {Number(b.MerchandisingSurplusEur)} + imbalance spread {Number(b.ImbalanceSpreadEur)} + rounding {Number(b.RoundingEur)} EUR (bound {Number(b.RoundingBoundEur)} EUR). {BudgetText.Identity(b)}; operator residual {BudgetText.Residual(b.OperatorResidualEur)}."),
            Heading("Participants"),
            Table(
                "participants",
                Head("Participant", "Role", "#Bill (EUR)", "#Baseline (EUR)", "#Savings (EUR)", "#After compensation (EUR)"),
                participants));
        return Write(page);
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

    /// <summary>The page: the XHTML root with its head (title, style sheet) and <paramref name="body"/>.</summary>
    private static XElement Page(string title, params object[] body) => new(
        X + "html",
        new XAttribute("xmlns", X.NamespaceName),
        new XAttribute("lang", "en"),
        new XAttribute(XNamespace.Xml + "lang", "en"),
        new XElement(
            X + "head",
            new XElement(X + "meta", Attr("charset", "utf-8")),
            new XElement(X + "title", Text(title)),
            new XElement(X + "style", Attr("type", "text/css"), new XText("\n" + Style + "\n"))),
        new XElement(X + "body", body));

    /// <summary>
    /// Serialises a page: the HTML5 document type (written as is: the XML writer would put a space before its '&gt;'),
    /// then the XHTML tree without an XML declaration, one element per line, '\n' line ends.
    /// </summary>
    private static string Write(XElement page)
    {
        var settings = new XmlWriterSettings
        {
            OmitXmlDeclaration = true,
            ConformanceLevel = ConformanceLevel.Fragment,
            Indent = true,
            IndentChars = string.Empty,
            NewLineChars = "\n",
            NewLineHandling = NewLineHandling.Replace,
        };
        var text = new StringBuilder("<!DOCTYPE html>\n");
        using (var writer = XmlWriter.Create(text, settings))
        {
            page.WriteTo(writer);
        }

        return text.Append('\n').ToString();
    }

    /// <summary>A text node; characters XML 1.0 does not allow (control characters) are replaced by U+FFFD.</summary>
    private static XText Text(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new XText(XmlText(text));
    }

    /// <summary>An attribute whose value is made XML-safe like <see cref="Text"/>.</summary>
    private static XAttribute Attr(string name, string value) => new(name, XmlText(value));

    private static string XmlText(string text)
    {
        StringBuilder? clean = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (XmlConvert.IsXmlChar(c))
            {
                clean?.Append(c);
            }
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], c))
            {
                clean?.Append(c).Append(text[i + 1]);
                i++;
            }
            else
            {
                clean ??= new StringBuilder(text, 0, i, text.Length);
                clean.Append('\uFFFD');
            }
        }

        return clean?.ToString() ?? text;
    }

    private static XElement Heading(string text) => new(X + "h2", Text(text));

    /// <summary>A table whose class and id are both <paramref name="name"/>.</summary>
    private static XElement Table(string name, params object[] content) => new(X + "table", Attr("class", name), Attr("id", name), content);

    private static XElement Note(string text) => new(X + "p", Attr("class", "note"), Text(text));

    /// <summary>A table head row; a label starting with '#' is a numeric column (class <c>num</c>).</summary>
    private static XElement Head(params string[] labels) => new(
        X + "thead",
        new XElement(
            X + "tr",
            labels.Select(l => l.StartsWith('#') ? new XElement(X + "th", Attr("class", "num"), Text(l[1..])) : new XElement(X + "th", Text(l)))));

    private static XElement Meta(string key, string value) => new(X + "tr", Cell(key), Cell(value));

    private static XElement Kpi(string key, string label, string value) => new(X + "tr", Attr("data-key", key), Cell(label), Cell(value, "num"));

    private static XElement Row(string key, string label, decimal eur) => new(X + "tr", Attr("data-key", key), Cell(label), Cell(Money(eur), "amount"));

    private static XElement Cell(string text, string? cssClass = null) =>
        cssClass is null ? new XElement(X + "td", Text(text)) : new XElement(X + "td", Attr("class", cssClass), Text(text));
}
