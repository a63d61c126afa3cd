namespace Lem.Reports.Tests;

/// <summary>Every <c>lem run</c> mechanism writes valid plots and a report.html that references each of them (issue 20's acceptance).</summary>
public sealed class RunReportTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("lem-report-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Theory]
    [InlineData("pool", "tiny", "prices,dispatch,state-of-charge,import-export,voltage-heatmap,line-loading,bills")]
    [InlineData("exchange", "tiny", "prices,dispatch,import-export,admm-residuals,bills")]
    [InlineData("community", "tiny", "prices,dispatch,import-export,admm-residuals,bills")]
    [InlineData("p2p", "tiny", "prices,dispatch,import-export,admm-residuals,bills")]
    [InlineData("stochastic-pool", "stochastic", "prices,import-export,stochastic-prices")]
    [InlineData("uniform", "auction", "prices,import-export")]
    [InlineData("pay-as-bid", "auction", "import-export")] // pay-as-bid has no clearing price: prices.csv holds no finite price, the prices figure is skipped
    [InlineData("mcafee", "auction", "prices,import-export")]
    [InlineData("cda", "auction", "prices,import-export")]
    public void Each_mechanism_writes_valid_plots_all_referenced_by_the_report(string mechanism, string example, string expectedFigures)
    {
        var scenario = example == "auction" ? ReportChecks.AuctionScenario(dir) : RepoPaths.InRepo("examples", example, "scenario.json");
        var outDir = Path.Combine(dir, mechanism);
        string[] settle = example == "tiny" ? ["--settle"] : [];
        var (exit, _, err) = ReportChecks.Lem(["run", scenario, "--mechanism", mechanism, "--out", outDir, "--format", "json", .. settle]);
        Assert.True(exit == 0, err);

        var plots = ReportChecks.PlotFiles(outDir);
        foreach (var figure in expectedFigures.Split(','))
        {
            Assert.Contains($"plots/{figure}.png", plots);
            Assert.Contains($"plots/{figure}.svg", plots);
        }

        foreach (var file in plots)
        {
            var path = Path.Combine(outDir, file);
            Assert.True(new FileInfo(path).Length > 0, file);
            if (file.EndsWith(".png", StringComparison.Ordinal))
            {
                var (w, h) = ReportChecks.Png(path);
                Assert.True(w > 0 && h > 0, $"{file}: {w}×{h}");
            }
            else
            {
                Assert.EndsWith(".svg", file, StringComparison.Ordinal);
                var (w, h) = ReportChecks.Svg(path);
                Assert.True(w > 0 && h > 0, $"{file}: {w}×{h}");
            }
        }

        var html = ReportChecks.Html(Path.Combine(outDir, "report.html"));
        Assert.Equal(plots, ReportChecks.ReferencedPlots(html));
        var images = html.Descendants().Where(e => e.Name.LocalName == "img").Select(e => (string)e.Attribute("src")!).ToList();
        Assert.Equal(plots.Count / 2, images.Count);
    }
}
