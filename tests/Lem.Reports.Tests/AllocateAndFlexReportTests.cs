namespace Lem.Reports.Tests;

/// <summary>
/// The run folders of <c>lem allocate --out</c> (the cooperative allocation against the market's) and <c>lem flex --out</c>
/// (line loading and voltage before/after the flexibility orders): their files hold what the commands print, the
/// figures are valid PNG and SVG, the report references every one, and <c>lem report</c> rebuilds the same files.
/// </summary>
public sealed class AllocateAndFlexReportTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("lem-report-alloc-flex-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private static string Tiny => RepoPaths.InRepo("examples", "tiny", "scenario.json");

    [Fact]
    public void Allocate_out_writes_every_rule_next_to_the_market_and_the_allocation_figure()
    {
        var folder = Path.Combine(dir, "allocate");
        var (exit, _, err) = ReportChecks.Lem("allocate", Tiny, "--method", "shapley", "--out", folder);
        Assert.True(exit == 0, err);

        var csv = CsvTable.Read(Path.Combine(folder, "allocation.csv"));
        Assert.Equal(["participant", "shapley_eur", "nucleolus_eur", "nash_eur", "market_eur", "standalone_eur"], csv.Columns);

        // Each rule's column is what `lem allocate --method RULE --format json` prints for it, the market column the
        // market payments it prints, the standalone column the standalone costs.
        foreach (var rule in new[] { "shapley", "nucleolus", "nash" })
        {
            var (e, output, error) = ReportChecks.Lem("allocate", Tiny, "--method", rule, "--format", "json");
            Assert.True(e == 0, error);
            using var json = JsonDocument.Parse(output);
            var entries = json.RootElement.GetProperty("allocations").EnumerateArray().ToList();
            Assert.Equal(entries.Select(x => x.GetProperty("participant").GetString()!), csv.Texts("participant"));
            for (var i = 0; i < entries.Count; i++)
            {
                Assert.Equal(entries[i].GetProperty("allocation_eur").GetDouble(), csv.Number(i, rule + "_eur"), 9);
                Assert.Equal(entries[i].GetProperty("standalone_eur").GetDouble(), csv.Number(i, "standalone_eur"), 9);
                Assert.Equal(entries[i].GetProperty("market_eur").GetDouble(), csv.Number(i, "market_eur"), 9);
            }

            // Every cooperative rule is efficient: the shares add up to the community's cost C(N).
            Assert.Equal(json.RootElement.GetProperty("grand_coalition_cost_eur").GetDouble(), csv.Numbers(rule + "_eur").Sum(), 6);
        }

        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "summary.json")));
        Assert.Equal("allocate", summary.RootElement.GetProperty("command").GetString());
        Assert.Equal(["shapley", "nucleolus", "nash", "market"], summary.RootElement.GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("rule").GetString()!));
        Assert.Equal(csv.Rows.Count, summary.RootElement.GetProperty("participants").GetArrayLength());

        AssertReport(folder, ["allocation"]);
        AssertRebuilt(folder);
    }

    [Fact]
    public void Allocate_out_with_monte_carlo_lists_the_requested_rule_first()
    {
        // shapley-mc on the tiny example evaluates the table anyway (few players), so every rule is there; the
        // requested one comes first.
        var folder = Path.Combine(dir, "allocate-mc");
        var (exit, _, err) = ReportChecks.Lem("allocate", Tiny, "--method", "shapley-mc", "--samples", "200", "--out", folder, "--format", "json");
        Assert.True(exit == 0, err);
        var csv = CsvTable.Read(Path.Combine(folder, "allocation.csv"));
        Assert.Equal("shapley-mc_eur", csv.Columns[1]);
        Assert.Contains("nash_eur", csv.Columns);
        Assert.True(File.Exists(Path.Combine(folder, "plots", "allocation.svg")));
    }

    [Fact]
    public void Flex_out_writes_summary_and_the_before_after_loading_figure()
    {
        var folder = Path.Combine(dir, "flex");
        var (exit, _, err) = ReportChecks.Lem("flex", RepoPaths.InRepo("examples", "flex", "worked-a.json"), "--out", folder);
        Assert.True(exit == 0, err);
        foreach (var kept in new[] { "flex.json", "orders.csv", "flex_prices.csv", "summary.json" })
        {
            Assert.True(File.Exists(Path.Combine(folder, kept)), kept);
        }

        // Worked example A: loads of 60 kW at bus 1 and 100 kW at bus 2 on lines rated 120 kVA (L01) and 80 kVA (L12),
        // nearly lossless, unity power factor: 160/120 = 133.3 % and 100/80 = 125 % before the orders.
        var loading = CsvTable.Read(Path.Combine(folder, "flex_loading.csv"));
        Assert.Equal(["L01", "L12"], loading.Texts("branch").Order(StringComparer.Ordinal));
        var l01 = Array.IndexOf(loading.Texts("branch"), "L01");
        var l12 = Array.IndexOf(loading.Texts("branch"), "L12");
        Assert.Equal(160.0 / 120 * 100, loading.Number(l01, "before_percent"), 0);
        Assert.Equal(100.0 / 80 * 100, loading.Number(l12, "before_percent"), 0);

        // The values are the ones flex.json reports as violations before; after the orders no line is overloaded.
        using var flex = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "flex.json")));
        foreach (var v in flex.RootElement.GetProperty("violations_before").EnumerateArray().Where(v => v.GetProperty("kind").GetString() == "overload"))
        {
            var row = Array.IndexOf(loading.Texts("branch"), v.GetProperty("element").GetString());
            Assert.Equal(v.GetProperty("value").GetDouble(), loading.Number(row, "before_percent"), 5);
        }

        Assert.Equal(0, flex.RootElement.GetProperty("violations_after").GetArrayLength());
        Assert.All(loading.Numbers("after_percent"), a => Assert.True(a <= 100.5, $"{a} % after the orders"));

        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "summary.json")));
        var s = summary.RootElement;
        Assert.Equal("flex", s.GetProperty("command").GetString());
        Assert.Equal(flex.RootElement.GetProperty("status").GetString(), s.GetProperty("status").GetString());
        Assert.Equal(2, s.GetProperty("overloads_before").GetInt32());
        Assert.Equal(0, s.GetProperty("overloads_after").GetInt32());
        Assert.Equal(loading.Numbers("before_percent").Max(), s.GetProperty("max_loading_before_percent").GetDouble(), 5);

        // No bus leaves its voltage band in this example: the voltage table is empty and its figure is skipped, not drawn.
        Assert.Empty(CsvTable.Read(Path.Combine(folder, "flex_voltage.csv")).Rows);
        AssertReport(folder, ["flex-loading"]);
        AssertRebuilt(folder);
    }

    [Theory]
    [InlineData("auction")]
    [InlineData("continuous")]
    public void Flex_out_on_the_dorfnetz_draws_loading_and_voltage_from_the_violations_of_flex_json(string trading)
    {
        // The Dorfnetz example has a midday over-voltage and an evening overload (docs/mechanisms/flexibility.md); both
        // tables hold exactly the (slot, element) pairs flex.json reports as violated before or after, with its values.
        var folder = Path.Combine(dir, "dorfnetz-" + trading);
        var (exit, _, err) = ReportChecks.Lem("flex", RepoPaths.InRepo("examples", "flex", "dorfnetz.json"), "--trading", trading, "--out", folder, "--format", "json");
        Assert.True(exit == 0, err);
        using var flex = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "flex.json")));
        var violated = flex.RootElement.GetProperty("violations_before").EnumerateArray().Select(v => (When: "before", V: v))
            .Concat(flex.RootElement.GetProperty("violations_after").EnumerateArray().Select(v => (When: "after", V: v)))
            .ToList();
        var loading = CsvTable.Read(Path.Combine(folder, "flex_loading.csv"));
        var voltage = CsvTable.Read(Path.Combine(folder, "flex_voltage.csv"));
        foreach (var (table, element, unit, overload) in new[] { (loading, "branch", "percent", true), (voltage, "bus", "pu", false) })
        {
            var mine = violated.Where(x => (x.V.GetProperty("kind").GetString() == "overload") == overload).ToList();
            Assert.NotEmpty(mine);
            var keys = Enumerable.Range(0, table.Rows.Count).Select(r => (table.Text(r, "slot"), table.Text(r, element))).ToList();
            Assert.Equal(
                mine.Select(x => (x.V.GetProperty("slot").GetInt32().ToString(CultureInfo.InvariantCulture), x.V.GetProperty("element").GetString()!)).Distinct().Order(),
                keys.Order());
            foreach (var (when, v) in mine)
            {
                var row = keys.IndexOf((v.GetProperty("slot").GetInt32().ToString(CultureInfo.InvariantCulture), v.GetProperty("element").GetString()!));
                Assert.Equal(v.GetProperty("value").GetDouble(), table.Number(row, $"{when}_{unit}"), 5);
            }
        }

        // Cleared: every over-voltage is at or below its limit afterwards, every overload at or below 100 % (tolerances of the clearing).
        Assert.Equal("cleared", flex.RootElement.GetProperty("status").GetString());
        for (var r = 0; r < voltage.Rows.Count; r++)
        {
            Assert.True(voltage.Number(r, "after_pu") <= voltage.Number(r, "limit_pu") + 0.005, $"bus {voltage.Text(r, "bus")} slot {voltage.Text(r, "slot")}");
        }

        Assert.All(loading.Numbers("after_percent"), a => Assert.True(a <= 101));
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "summary.json")));
        Assert.Equal(trading, summary.RootElement.GetProperty("trading").GetString());
        Assert.Equal(flex.RootElement.GetProperty("violations_before").GetArrayLength(), summary.RootElement.GetProperty("violations_before").GetInt32());
        Assert.Equal(flex.RootElement.GetProperty("orders").GetArrayLength(), summary.RootElement.GetProperty("orders").GetInt32());
        AssertReport(folder, ["flex-loading", "flex-voltage"]);
        AssertRebuilt(folder);
    }

    [Fact]
    public void A_flex_folder_with_voltage_violations_gets_the_voltage_figure()
    {
        var folder = Path.Combine(dir, "flex-voltage");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "summary.json"), """{ "command": "flex", "scenario": "hand-written", "mechanism": "flexibility" }""");
        File.WriteAllText(Path.Combine(folder, "flex_loading.csv"), "slot,branch,before_percent,after_percent\n7,36,112.5,99.8\n");
        File.WriteAllText(Path.Combine(folder, "flex_voltage.csv"), "slot,bus,before_pu,after_pu,limit_pu\n0,69,1.062,1.049,1.05\n0,70,1.058,1.048,1.05\n8,12,0.93,0.951,0.95\n");
        var (exit, output, err) = ReportChecks.Lem("report", folder, "--format", "json");
        Assert.True(exit == 0, err);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(["flex-loading", "flex-voltage"], json.RootElement.GetProperty("figures").EnumerateArray().Select(e => e.GetString()!));
        AssertReport(folder, ["flex-loading", "flex-voltage"]);
    }

    [Fact]
    public void More_pairs_than_drawn_keep_the_most_loaded_in_file_order()
    {
        var rows = string.Concat(Enumerable.Range(0, 50).Select(i => $"{i},L{i},{100 + i},{90}\n"));
        var table = CsvTable.Parse("slot,branch,before_percent,after_percent\n" + rows);
        var pairs = Figures.FlexPairs.Select(table, "branch", "before_percent", "after_percent", Figures.FlexLoadingFigure.MaxPairs);
        Assert.Equal(40, pairs.Count);
        Assert.Equal(Enumerable.Range(10, 40).Select(i => $"L{i} @ {i}"), pairs.Select(p => p.Label));
    }

    /// <summary>The report of <paramref name="folder"/> drew exactly <paramref name="expected"/> among the flex and allocation figures, valid images, all referenced.</summary>
    private static void AssertReport(string folder, string[] expected)
    {
        string[] ours = ["allocation", "flex-loading", "flex-voltage"];
        var drawn = Directory.EnumerateFiles(Path.Combine(folder, "plots"), "*.png").Select(f => Path.GetFileNameWithoutExtension(f)!).Where(ours.Contains).Order(StringComparer.Ordinal);
        Assert.Equal(expected.Order(StringComparer.Ordinal), drawn);
        foreach (var name in expected)
        {
            var (w, h) = ReportChecks.Png(Path.Combine(folder, "plots", name + ".png"));
            Assert.True(w > 0 && h > 0);
            Assert.True(new FileInfo(Path.Combine(folder, "plots", name + ".png")).Length > 0);
            var (sw, sh) = ReportChecks.Svg(Path.Combine(folder, "plots", name + ".svg"));
            Assert.True(sw > 0 && sh > 0);
        }

        Assert.Equal(ReportChecks.PlotFiles(folder), ReportChecks.ReferencedPlots(ReportChecks.Html(Path.Combine(folder, "report.html"))));
    }

    /// <summary><c>lem report</c> on the folder without its plots and report writes the same file set and the same HTML.</summary>
    private static void AssertRebuilt(string folder)
    {
        var before = ReportChecks.PlotFiles(folder);
        var html = File.ReadAllText(Path.Combine(folder, "report.html"));
        Directory.Delete(Path.Combine(folder, "plots"), recursive: true);
        File.Delete(Path.Combine(folder, "report.html"));
        var (exit, _, err) = ReportChecks.Lem("report", folder, "--format", "json");
        Assert.True(exit == 0, err);
        Assert.Equal(before, ReportChecks.PlotFiles(folder));
        Assert.Equal(html, File.ReadAllText(Path.Combine(folder, "report.html")));
    }
}
