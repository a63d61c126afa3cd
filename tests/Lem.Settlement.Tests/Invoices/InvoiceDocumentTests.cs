using System.Globalization;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using Lem.Settlement.Billing;
using Lem.Settlement.Invoices;
using Lem.Settlement.Tests.Billing;

namespace Lem.Settlement.Tests.Invoices;

/// <summary>The HTML invoices parse as XML and show exactly the lines and totals of the JSON invoices.</summary>
public sealed class InvoiceDocumentTests
{
    private static readonly XNamespace X = "http://www.w3.org/1999/xhtml";

    /// <summary>Parses a page as XML (DTD ignored: the page has only the HTML5 doctype).</summary>
    public static XDocument ParseHtml(string html)
    {
        using var reader = XmlReader.Create(new StringReader(html), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        return XDocument.Load(reader);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(2024)]
    [InlineData(77777)]
    [InlineData(123456789)]
    public void InvoiceHtml_HasTheJsonLinesAndTotals(int seed)
    {
        var result = SettlementEngine.Settle(RandomSettlementCase.Create(seed).Request);
        foreach (var invoice in result.Invoices)
        {
            using var json = JsonDocument.Parse(SettlementJson.Invoice(result, invoice));
            var html = ParseHtml(SettlementHtml.Invoice(result, invoice));
            var jsonLines = json.RootElement.GetProperty("lines").EnumerateArray().ToList();
            var rows = html.Descendants(X + "tr").Where(tr => (string?)tr.Attribute("class") == "line").ToList();

            Assert.Equal(jsonLines.Count, rows.Count);
            Assert.Equal(invoice.Lines.Count, rows.Count);
            for (var i = 0; i < rows.Count; i++)
            {
                Assert.Equal(jsonLines[i].GetProperty("code").GetString(), (string?)rows[i].Attribute("data-code"));
                Assert.Equal(jsonLines[i].GetProperty("category").GetString(), (string?)rows[i].Attribute("data-category"));
                Assert.Equal(jsonLines[i].GetProperty("description").GetString(), rows[i].Elements(X + "td").ElementAt(1).Value);
                Assert.Equal(jsonLines[i].GetProperty("amount_eur").GetDecimal(), Amount(rows[i].Elements(X + "td").Last()));
            }

            var total = Amount(html.Descendants(X + "td").Single(td => (string?)td.Attribute("id") == "total"));
            Assert.Equal(json.RootElement.GetProperty("total_eur").GetDecimal(), total);
            Assert.Equal(rows.Sum(r => Amount(r.Elements(X + "td").Last())), total);
            Assert.Equal(json.RootElement.GetProperty("savings_eur").GetDecimal(), Amount(html.Descendants(X + "td").Single(td => (string?)td.Attribute("id") == "savings")));
            foreach (var subtotal in html.Descendants(X + "tr").Where(tr => (string?)tr.Attribute("class") == "subtotal"))
            {
                var category = (string)subtotal.Attribute("data-category")!;
                Assert.Equal(json.RootElement.GetProperty("subtotals_eur").GetProperty(category).GetDecimal(), Amount(subtotal.Elements(X + "td").Last()));
            }

            // The participant's name (with < & " in some cases) comes back unchanged from the markup.
            var heading = html.Descendants(X + "h1").Single().Value;
            Assert.Equal($"Invoice: {invoice.Participant.Name ?? invoice.Participant.Id.Value}", heading);
        }
    }

    [Fact]
    public void SummaryHtml_HasTheBudgetAndEveryParticipantOfTheJsonSummary()
    {
        var result = SettlementEngine.Settle(RandomSettlementCase.Create(4242).Request);
        var stems = InvoiceFileNames.Assign(result.Invoices.Select(i => i.Participant.Id));
        using var json = JsonDocument.Parse(SettlementJson.Summary(result, stems));
        var html = ParseHtml(SettlementHtml.Summary(result, stems));

        var budget = json.RootElement.GetProperty("budget");
        foreach (var key in new[] { "paid_by_buyers_eur", "received_by_sellers_eur", "grid_tariffs_eur", "operator_residual_eur", "outside_market_eur" })
        {
            var row = html.Descendants(X + "tr").Single(tr => (string?)tr.Attribute("data-key") == key);
            Assert.Equal(budget.GetProperty(key).GetDecimal(), Amount(row.Elements(X + "td").Last()));
        }

        var participants = json.RootElement.GetProperty("participants").EnumerateArray().ToList();
        var rows = html.Descendants(X + "tr").Where(tr => (string?)tr.Attribute("class") == "participant").ToList();
        Assert.Equal(participants.Select(p => p.GetProperty("id").GetString()), rows.Select(r => (string?)r.Attribute("data-id")));
        Assert.Equal(participants.Select(p => p.GetProperty("invoice_html").GetString()), rows.Select(r => (string?)r.Descendants(X + "a").Single().Attribute("href")));
        Assert.True(budget.GetProperty("balanced").GetBoolean());
    }

    [Fact]
    public void InvoiceFileNames_EscapeUnsafeCharacters_AndNeverCollide()
    {
        var stems = InvoiceFileNames.Assign([new("a/b"), new("a:b"), new("summary"), new("H01"), new("h01"), new(".x"), new("x.y")]);
        Assert.Equal(["a%2Fb", "a%3Ab", "summary~2", "H01", "h01~2", "%2Ex", "x.y"], stems.Values);
    }

    private static decimal Amount(XElement cell) => decimal.Parse(cell.Value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
}
