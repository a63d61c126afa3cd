namespace Lem.Reports.Tests;

/// <summary><c>lem report DIR</c>: rebuilds the same files from a run folder; a folder that is not a run folder is an input error.</summary>
public sealed class ReportCommandTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("lem-report-cmd-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void Report_rebuilds_the_same_file_set_from_the_run_files()
    {
        var outDir = Path.Combine(dir, "run");
        var (exit, _, err) = ReportChecks.Lem("run", RepoPaths.InRepo("examples", "tiny", "scenario.json"), "--out", outDir, "--format", "json");
        Assert.True(exit == 0, err);
        var before = ReportChecks.PlotFiles(outDir);
        var htmlBefore = File.ReadAllText(Path.Combine(outDir, "report.html"));
        Directory.Delete(Path.Combine(outDir, "plots"), recursive: true);
        File.Delete(Path.Combine(outDir, "report.html"));

        var (exit2, output, err2) = ReportChecks.Lem("report", outDir, "--format", "json");
        Assert.True(exit2 == 0, err2);
        Assert.Equal(before, ReportChecks.PlotFiles(outDir));
        Assert.Equal(htmlBefore, File.ReadAllText(Path.Combine(outDir, "report.html")));
        using var json = JsonDocument.Parse(output);
        var files = json.RootElement.GetProperty("files").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Equal([.. before, "report.html"], files.OrderBy(f => f, StringComparer.Ordinal));
        var figures = json.RootElement.GetProperty("figures").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Equal(before.Count / 2, figures.Count);
    }

    [Fact]
    public void A_folder_without_run_files_is_an_input_error_without_a_stack_trace()
    {
        var empty = Path.Combine(dir, "empty");
        Directory.CreateDirectory(empty);
        var (exit, _, err) = ReportChecks.Lem("report", empty);
        Assert.Equal(1, exit);
        Assert.Contains("not a run folder", err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(empty, "plots")));

        var (exit2, _, err2) = ReportChecks.Lem("report", Path.Combine(dir, "missing"));
        Assert.Equal(1, exit2);
        Assert.Contains("is not a folder", err2, StringComparison.Ordinal);
    }

    [Fact]
    public void A_broken_summary_is_an_input_error()
    {
        var broken = Path.Combine(dir, "broken");
        Directory.CreateDirectory(broken);
        File.WriteAllText(Path.Combine(broken, "summary.json"), "{ not json");
        var (exit, _, err) = ReportChecks.Lem("report", broken);
        Assert.Equal(1, exit);
        Assert.Contains("not valid JSON", err, StringComparison.Ordinal);
    }
}
