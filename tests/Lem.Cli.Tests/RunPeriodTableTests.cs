using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lem.Testing;

namespace Lem.Cli.Tests;

/// <summary>
/// Issue 14 items 1 and 6 on the village (15-minute slots): the per-hour table of <c>lem run</c> sums each hour's slots,
/// so its import column adds up to the summary's import; <c>summary.json</c> has the same hours; the settlement prints a
/// Gini coefficient in [0, 1] with a caveat for negative savings and budget wording without "balanced".
/// </summary>
public sealed partial class RunPeriodTableTests : IDisposable
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private readonly string _dir = Directory.CreateTempSubdirectory("lem-periods-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Trait("Category", "Heavy")]
    [Fact]
    public void Run_VillageQuarterHours_PerHourTableAndHoursSumEveryQuarterHour_SettlementWordingIsConsistent()
    {
        var outDir = Path.Combine(_dir, "village");
        var (exit, output, err) = CliRunner.Run("run", RepoPaths.InRepo("examples", "village", "scenario.json"), "--no-ac-check", "--settle", "--out", outDir);
        Assert.True(exit == 0, output + err);
        using var summaryDoc = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        var summary = summaryDoc.RootElement;
        var totalImportMwh = summary.GetProperty("import_mwh").GetDouble();

        // Independent reference: the outside market's import per slot in dispatch.csv (kW, quarter-hours).
        var importKw = new double[96];
        foreach (var c in File.ReadAllLines(Path.Combine(outDir, "dispatch.csv")).Skip(1).Select(l => l.Split(',')).Where(c => c[2] == "outside-market" && c[3] == "import"))
        {
            importKw[int.Parse(c[0], Inv)] = double.Parse(c[5], Inv);
        }

        Approx.Equal(importKw.Sum() * 0.25 / 1000, totalImportMwh, 1e-5, what: "dispatch.csv import against summary.json");
        double HourMwh(int h) => importKw.Skip(4 * h).Take(4).Sum() * 0.25 / 1000;

        // The text table: 24 rows, one per local hour, labelled HH:00; printed to 0.001 MWh.
        var rows = output.Split('\n').Select(l => l.Split('│', '|').Select(c => c.Trim()).ToArray())
            .Where(c => c.Length >= 5 && HourLabel().IsMatch(c[1]))
            .ToList();
        Assert.Equal(24, rows.Count);
        Assert.Equal([.. Enumerable.Range(0, 24).Select(h => $"{h:00}:00")], rows.Select(r => r[1]));
        var printed = rows.Select(r => double.Parse(r[3], Inv)).ToList();
        Assert.InRange(printed.Sum(), totalImportMwh - (24 * 0.0005) - 1e-9, totalImportMwh + (24 * 0.0005) + 1e-9);
        for (var h = 0; h < 24; h++)
        {
            Assert.InRange(printed[h], HourMwh(h) - 0.0005 - 1e-9, HourMwh(h) + 0.0005 + 1e-9);
        }

        // The hour whose first quarter-hour differs most from the hour's mean (from dispatch.csv): its row is not four
        // times that quarter-hour, which a table of one quarter-hour per hour showed.
        var uneven = Enumerable.Range(0, 24).MaxBy(h => Math.Abs(importKw.Skip(4 * h).Take(4).Average() - importKw[4 * h]));
        var first = importKw[4 * uneven];
        Assert.True(Math.Abs(importKw.Skip(4 * uneven).Take(4).Average() - first) > 5, $"the village's most uneven hour {uneven:00}:00 starts at {first} kW, its mean differs by less than 5 kW");
        Assert.True(Math.Abs(printed[uneven] - (4 * first * 0.25 / 1000)) > 0.004, $"{uneven:00}:00 row {printed[uneven]} MWh is four times its first quarter-hour");
        Assert.Contains("energy summed, prices averaged", output, StringComparison.Ordinal);

        // summary.json: the same hours, exact.
        var hours = summary.GetProperty("hours").EnumerateArray().ToList();
        Assert.Equal(24, hours.Count);
        Approx.Equal(totalImportMwh, hours.Sum(x => x.GetProperty("import_mwh").GetDouble()), 1e-9, what: "Σ hours import");
        Approx.Equal(summary.GetProperty("export_mwh").GetDouble(), hours.Sum(x => x.GetProperty("export_mwh").GetDouble()), 1e-9, what: "Σ hours export");
        for (var h = 0; h < 24; h++)
        {
            Assert.Equal(4 * h, hours[h].GetProperty("first_slot").GetInt32());
            Assert.Equal(4, hours[h].GetProperty("slot_count").GetInt32());
            Approx.Equal(HourMwh(h), hours[h].GetProperty("import_mwh").GetDouble(), 1e-5, what: $"hour {h} import");
            var slotPrices = summary.GetProperty("prices").EnumerateArray().Skip(4 * h).Take(4).ToList();
            Assert.Equal(slotPrices.Min(p => p.GetProperty("min_eur_per_mwh").GetDouble()), hours[h].GetProperty("min_price_eur_per_mwh").GetDouble());
            Assert.Equal(slotPrices.Max(p => p.GetProperty("max_eur_per_mwh").GetDouble()), hours[h].GetProperty("max_price_eur_per_mwh").GetDouble());
        }

        Assert.StartsWith("2026-06-21T23:00", hours[23].GetProperty("start").GetString(), StringComparison.Ordinal);

        // Settlement: some households are worse off, so the Gini of the savings gets its caveat and stays in [0, 1].
        var kpis = summary.GetProperty("kpis");
        var savings = kpis.GetProperty("savings").EnumerateArray().Select(s => (double)s.GetProperty("savings_eur").GetDecimal()).ToList();
        Assert.Contains(savings, s => s < 0);
        double pairs = 0;
        foreach (var a in savings)
        {
            foreach (var b in savings)
            {
                pairs += Math.Abs(a - b);
            }
        }

        var gini = kpis.GetProperty("gini_coefficient").GetDouble();
        Approx.Equal(pairs / (2.0 * savings.Count * savings.Sum(Math.Abs)), gini, 1e-9, what: "Gini normalised by Σ|saving|");
        Assert.InRange(gini, 0.0, 1.0);
        Assert.Contains($"{savings.Count(s => s < 0)} of {savings.Count} savings negative", output, StringComparison.Ordinal);

        // Budget: the identity and the residual are separate rows; "balanced" never stands next to a residual.
        var residual = summary.GetProperty("settlement").GetProperty("operator_residual_eur").GetDecimal();
        Assert.True(summary.GetProperty("settlement").GetProperty("budget_balanced").GetBoolean());
        Assert.DoesNotContain("balanced", output, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("holds to the cent", output, StringComparison.Ordinal);
        var who = residual < 0 ? "(paid by the operator)" : residual > 0 ? "(kept by the operator)" : "EUR";
        Assert.Contains($"{residual.ToString("0.00", Inv)} EUR {who}".TrimEnd(), output, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_TableResolutionSlot_PrintsOneRowPerSlot_AndAnUnknownValueIsAUsageError()
    {
        var tiny = RepoPaths.InRepo("examples", "tiny", "scenario.json");
        var (exit, output, err) = CliRunner.Run("run", tiny, "--no-ac-check", "--table-resolution", "slot");
        Assert.True(exit == 0, output + err);
        Assert.Contains("Per 60-minute slot", output, StringComparison.Ordinal);

        var (badExit, badOut, badErr) = CliRunner.Run("run", tiny, "--table-resolution", "day");
        Assert.Equal(2, badExit);
        Assert.Contains("'day'", badOut + badErr, StringComparison.Ordinal);
        CliRunner.AssertNoStackTrace(badOut + badErr);
    }

    [GeneratedRegex(@"^\d\d:\d\d$")]
    private static partial Regex HourLabel();
}
