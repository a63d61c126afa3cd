using System.Globalization;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using Lem.Testing;

namespace Lem.Cli.Tests;

/// <summary><c>lem run --settle [--meters]</c>: invoices, KPIs and the summary's kpis block.</summary>
public sealed class RunSettleTests : IDisposable
{
    private static readonly XNamespace X = "http://www.w3.org/1999/xhtml";
    private readonly string _dir = Directory.CreateTempSubdirectory("lem-settle-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Trait("Category", "Heavy")]
    [Fact]
    public void Run_VillagePoolSettle_WritesAnInvoiceForEveryParticipant_KpisAndParsableHtml()
    {
        var scenario = RepoPaths.InRepo("examples", "village", "scenario.json");
        var outDir = Path.Combine(_dir, "village");

        var (exit, output, err) = CliRunner.Run("run", scenario, "--settle", "--no-ac-check", "--out", outDir, "--format", "json");

        Assert.True(exit == 0, output + err);
        using var summary = JsonDocument.Parse(output);
        var kpis = summary.RootElement.GetProperty("kpis");
        var settlement = summary.RootElement.GetProperty("settlement");
        Assert.True(settlement.GetProperty("budget_balanced").GetBoolean());

        // Every participant but the community manager and the DSO (counterparties without assets) gets an invoice.
        using var scenarioJson = JsonDocument.Parse(File.ReadAllText(scenario));
        var billed = scenarioJson.RootElement.GetProperty("participants").EnumerateArray()
            .Where(p => p.GetProperty("role").GetString() is not ("market_operator" or "dso"))
            .Select(p => p.GetProperty("id").GetString()!)
            .ToList();
        Assert.Equal(58, billed.Count);
        Assert.Equal(billed.Count, settlement.GetProperty("invoice_count").GetInt32());
        var invoices = Path.Combine(outDir, "invoices");
        decimal total = 0;
        foreach (var id in billed)
        {
            using var invoice = JsonDocument.Parse(File.ReadAllText(Path.Combine(invoices, id + ".json")));
            Assert.Equal(id, invoice.RootElement.GetProperty("participant").GetProperty("id").GetString());
            var lines = invoice.RootElement.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("amount_eur").GetDecimal()).ToList();
            var invoiceTotal = invoice.RootElement.GetProperty("total_eur").GetDecimal();
            Assert.Equal(lines.Sum(), invoiceTotal);
            total += invoiceTotal;

            var html = Parse(File.ReadAllText(Path.Combine(invoices, id + ".html")));
            var totalCell = html.Descendants(X + "td").Single(td => (string?)td.Attribute("id") == "total");
            Assert.Equal(invoiceTotal, decimal.Parse(totalCell.Value, NumberStyles.Number, CultureInfo.InvariantCulture));
            Assert.Equal(lines.Count, html.Descendants(X + "tr").Count(tr => (string?)tr.Attribute("class") == "line"));
        }

        Assert.Equal(settlement.GetProperty("total_bills_eur").GetDecimal(), total);

        // The village tariff has a grid fee, levies and VAT: they show on a household's invoice.
        using var household = JsonDocument.Parse(File.ReadAllText(Path.Combine(invoices, "h01.json")));
        var codes = household.RootElement.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("code").GetString()).ToList();
        Assert.Contains("grid.energy.peak", codes);
        Assert.Contains("taxes.levies", codes);
        Assert.Contains("vat", codes);

        // Summary files, kpis.json and the kpis block of summary.json agree.
        Assert.True(File.Exists(Path.Combine(invoices, "summary.html")));
        Parse(File.ReadAllText(Path.Combine(invoices, "summary.html")));
        using var community = JsonDocument.Parse(File.ReadAllText(Path.Combine(invoices, "summary.json")));
        Assert.True(community.RootElement.GetProperty("budget").GetProperty("balanced").GetBoolean());
        using var kpiFile = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "kpis.json")));
        using var summaryFile = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        foreach (var field in new[] { "self_sufficiency", "self_consumption", "local_traded_kwh", "peak_import_kw", "total_savings_eur", "jain_index" })
        {
            Assert.Equal(kpis.GetProperty(field).GetDouble(), kpiFile.RootElement.GetProperty(field).GetDouble());
            Assert.Equal(kpis.GetProperty(field).GetDouble(), summaryFile.RootElement.GetProperty("kpis").GetProperty(field).GetDouble());
        }

        Assert.InRange(kpis.GetProperty("self_sufficiency").GetDouble(), 0.05, 0.95);
        Assert.Equal(summary.RootElement.GetProperty("welfare_eur").GetDouble(), kpis.GetProperty("welfare_eur").GetDouble(), 6);
        Assert.StartsWith("2026-06-21T", kpis.GetProperty("peak_import_time").GetString(), StringComparison.Ordinal);
        Assert.Equal(
            kpis.GetProperty("worse_off").EnumerateArray().Count(),
            kpis.GetProperty("worse_off_count").GetInt32());
    }

    [Theory]
    [InlineData("p2p")]
    [InlineData("community")]
    [InlineData("exchange")]
    public void Run_TinySettle_WithADistributedMechanism_IsBalanced(string mechanism)
    {
        var outDir = Path.Combine(_dir, mechanism);
        var (exit, output, err) = CliRunner.Run("run", RepoPaths.InRepo("examples", "tiny", "scenario.json"), "--mechanism", mechanism, "--settle", "--out", outDir, "--format", "json");

        Assert.True(exit == 0, output + err);
        using var summary = JsonDocument.Parse(output);
        Assert.Equal(mechanism, summary.RootElement.GetProperty("kpis").GetProperty("mechanism").GetString());
        Assert.True(summary.RootElement.GetProperty("settlement").GetProperty("budget_balanced").GetBoolean());
        Assert.Equal(4, Directory.GetFiles(Path.Combine(outDir, "invoices"), "*.html").Length - 1);
        Assert.True(File.Exists(Path.Combine(outDir, "kpis.json")));
    }

    [Fact]
    public void Run_TinySettleWithMeters_SettlesTheImbalance()
    {
        var meters = Path.Combine(_dir, "meters.csv");
        File.WriteAllText(meters, "participant,slot,energy_kwh\nanna,0,-1.1\nben,2,3.0\n");
        var outDir = Path.Combine(_dir, "metered");

        var (exit, output, err) = CliRunner.Run("run", RepoPaths.InRepo("examples", "tiny", "scenario.json"), "--settle", "--meters", meters, "--out", outDir, "--format", "json");

        Assert.True(exit == 0, output + err);
        using var summary = JsonDocument.Parse(output);
        Assert.True(summary.RootElement.GetProperty("settlement").GetProperty("metered").GetBoolean());
        using var anna = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "invoices", "anna.json")));
        var slot0 = anna.RootElement.GetProperty("slots")[0];
        Assert.Equal(-1.1m, slot0.GetProperty("metered_kwh").GetDecimal());
        var imbalance = anna.RootElement.GetProperty("lines").EnumerateArray().Where(l => l.GetProperty("category").GetString() == "imbalance").ToList();
        Assert.NotEmpty(imbalance);
    }

    [Fact]
    public void Run_MetersWithoutSettle_IsAUsageError()
    {
        var (exit, _, err) = CliRunner.Run("run", RepoPaths.InRepo("examples", "tiny", "scenario.json"), "--meters", "meters.csv");
        Assert.Equal(2, exit);
        Assert.Contains("--meters", err, StringComparison.Ordinal);
        Assert.Contains("--settle", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_SettleWithABadMeterFile_ListsEveryProblemWithFileAndLine()
    {
        var meters = Path.Combine(_dir, "bad.csv");
        File.WriteAllText(meters, "participant,slot,energy_kwh\nzoe,0,1\nanna,9,1\nanna,1,x\nanna,1,2\nanna,1,3\n");

        var (exit, output, err) = CliRunner.Run("run", RepoPaths.InRepo("examples", "tiny", "scenario.json"), "--settle", "--meters", meters, "--format", "json");

        Assert.Equal(1, exit);
        using var doc = JsonDocument.Parse(output);
        var paths = doc.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()).ToList();
        Assert.Equal(["bad.csv:2", "bad.csv:3", "bad.csv:4", "bad.csv:6"], paths);
        CliRunner.AssertNoStackTrace(output + err);
    }

    [Fact]
    public void Run_SettleAsText_PrintsTheKpiTable()
    {
        var (exit, output, err) = CliRunner.Run("run", RepoPaths.InRepo("examples", "tiny", "scenario.json"), "--settle");
        Assert.True(exit == 0, output + err);
        Assert.Contains("Settlement and KPIs", output, StringComparison.Ordinal);
        Assert.Contains("Self-sufficiency", output, StringComparison.Ordinal);
        Assert.Contains("Budget identity", output, StringComparison.Ordinal);
        Assert.Contains("holds to the cent", output, StringComparison.Ordinal);
    }

    private static XDocument Parse(string html)
    {
        using var reader = XmlReader.Create(new StringReader(html), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        return XDocument.Load(reader);
    }
}
