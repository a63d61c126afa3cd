using System.Xml.Linq;
using Lem.Settlement.Billing;
using Lem.Settlement.Invoices;
using Lem.Settlement.Tests.Billing;

namespace Lem.Settlement.Tests.Invoices;

/// <summary>Names with markup characters come out of the HTML pages escaped and unchanged.</summary>
public sealed class InvoiceEscapingTests
{
    private static readonly XNamespace X = "http://www.w3.org/1999/xhtml";

    [Fact]
    public void ParticipantAndScenarioNames_WithMarkupCharacters_AreEscaped_AndTheDocumentParses()
    {
        const string name = "Tom <b>& \"Jerry\"</b> 'n' Co";
        const string scenario = "Village <1> & \"2\"";
        var request = RandomSettlementCase.Create(2024).Request;
        request = request with
        {
            ScenarioName = scenario,
            Participants = [.. request.Participants.Select((p, i) => i == 0 ? p with { Name = name } : p)],
        };
        var result = SettlementEngine.Settle(request);
        var invoice = result.Invoices.Single(i => i.Participant.Id == request.Participants[0].Id);

        var html = SettlementHtml.Invoice(result, invoice);

        // The raw markup never appears: < and & are written as the predefined entities (a quote needs none in text).
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.Contains("Tom &lt;b&gt;&amp; \"Jerry\"&lt;/b&gt; 'n' Co", html, StringComparison.Ordinal);
        Assert.Contains("Village &lt;1&gt; &amp; \"2\"", html, StringComparison.Ordinal);

        var document = InvoiceDocumentTests.ParseHtml(html);
        Assert.Equal(X + "html", document.Root!.Name);
        Assert.Equal("Invoice: " + name, document.Descendants(X + "h1").Single().Value);
        Assert.Equal($"Invoice {invoice.Participant.Id.Value} – {scenario}", document.Descendants(X + "title").Single().Value);
        var community = document.Descendants(X + "tr").Single(tr => tr.Elements(X + "td").FirstOrDefault()?.Value == "Community");
        Assert.Equal(scenario, community.Elements(X + "td").Last().Value);

        var summary = InvoiceDocumentTests.ParseHtml(SettlementHtml.Summary(result));
        Assert.Equal("Community settlement: " + scenario, summary.Descendants(X + "h1").Single().Value);
    }

    [Fact]
    public void ControlCharacters_AreReplaced_SoThePageStaysWellFormedXml()
    {
        var request = RandomSettlementCase.Create(11).Request;
        request = request with { Participants = [.. request.Participants.Select((p, i) => i == 0 ? p with { Name = "bell\u0007 and nul\u0000" } : p)] };
        var result = SettlementEngine.Settle(request);
        var invoice = result.Invoices.Single(i => i.Participant.Id == request.Participants[0].Id);

        var document = InvoiceDocumentTests.ParseHtml(SettlementHtml.Invoice(result, invoice));
        Assert.Equal("Invoice: bell\uFFFD and nul\uFFFD", document.Descendants(X + "h1").Single().Value);
    }
}
