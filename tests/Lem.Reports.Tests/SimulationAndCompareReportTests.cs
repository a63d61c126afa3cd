namespace Lem.Reports.Tests;

/// <summary>The figures of <c>lem simulate</c> and <c>lem compare</c> folders, drawn by <c>lem report</c> from small hand-written files of their formats.</summary>
public sealed class SimulationAndCompareReportTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("lem-report-sim-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void A_simulation_folder_gets_its_daily_and_slot_figures()
    {
        var folder = Path.Combine(dir, "sim");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "summary.json"), """{ "source": "week", "mechanism": "pool", "days": 2 }""");
        File.WriteAllText(Path.Combine(folder, "days.csv"), "day,date,status,welfare_eur,day_ahead_eur,intraday_eur,imbalance_eur,bills_eur\n0,2026-06-21,optimal,5.5,1,0,0.2,3.1\n1,2026-06-22,optimal,4.5,1,0,0.4,2.9\n");
        File.WriteAllText(Path.Combine(folder, "slots.csv"), "day,slot,start,price_eur_per_mwh,import_kw,export_kw,imbalance_kw\n0,0,a,90,3,0,0.1\n0,1,b,80,0,2,-0.1\n1,0,c,85,2,0,0\n1,1,d,70,0,4,0.2\n");
        AssertFigures(folder, ["simulation-days", "simulation-slots"]);
    }

    [Fact]
    public void A_comparison_folder_gets_its_welfare_gap_and_effort_figures()
    {
        var folder = Path.Combine(dir, "compare");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "compare.json"), """{ "source": "village-week", "days": 1 }""");
        File.WriteAllText(Path.Combine(folder, "compare.csv"), "design,mechanism,days,welfare_eur,welfare_gap_percent,wall_seconds,messages\npool,pool,1,10,0,0.5,0\np2p,p2p,1,9.5,5,12,40000\n");
        AssertFigures(folder, ["compare-welfare-gap", "compare-effort"]);
        var html = ReportChecks.Html(Path.Combine(folder, "report.html"));
        var cells = html.Descendants().Where(e => e.Name.LocalName == "td").Select(e => e.Value).ToList();
        Assert.Contains("p2p", cells);
        Assert.Contains("40000", cells);
    }

    private static void AssertFigures(string folder, string[] expected)
    {
        var (exit, output, err) = ReportChecks.Lem("report", folder, "--format", "json");
        Assert.True(exit == 0, err);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(expected, json.RootElement.GetProperty("figures").EnumerateArray().Select(e => e.GetString()!));
        // A figure may be skipped for lack of data (import-export reads the hours table a simulation's summary.json lacks), never one expected here.
        var skipped = json.RootElement.GetProperty("skipped").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.DoesNotContain(skipped, s => expected.Any(name => s.StartsWith(name + ":", StringComparison.Ordinal)));
        foreach (var name in expected)
        {
            var (w, h) = ReportChecks.Png(Path.Combine(folder, "plots", name + ".png"));
            Assert.True(w > 0 && h > 0);
            var (sw, sh) = ReportChecks.Svg(Path.Combine(folder, "plots", name + ".svg"));
            Assert.True(sw > 0 && sh > 0);
        }

        Assert.Equal(ReportChecks.PlotFiles(folder), ReportChecks.ReferencedPlots(ReportChecks.Html(Path.Combine(folder, "report.html"))));
    }
}
