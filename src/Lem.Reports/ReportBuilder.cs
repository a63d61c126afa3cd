namespace Lem.Reports;

/// <summary>
/// Builds a run folder's report (docs/reports.md#one-path): every registered figure whose files exist is drawn into
/// <c>plots/NAME.png</c> and <c>plots/NAME.svg</c>, and <c>report.html</c> shows the summary tables and every plot.
/// <c>lem run/simulate/compare --out</c> and <c>lem report DIR</c> share this one path: the report reads only files.
/// </summary>
public static class ReportBuilder
{
    /// <summary>The folder of the plots, relative to the run folder.</summary>
    public const string PlotsFolder = "plots";

    /// <summary>The report's file name.</summary>
    public const string ReportFile = "report.html";

    /// <summary>Builds the report of <paramref name="run"/>; earlier plots in <c>plots/</c> are replaced.</summary>
    public static ReportOutcome Build(RunFolder run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var plots = Path.Combine(run.Path, PlotsFolder);
        Directory.CreateDirectory(plots);
        foreach (var old in Directory.EnumerateFiles(plots).Where(f => f.EndsWith(".png", StringComparison.Ordinal) || f.EndsWith(".svg", StringComparison.Ordinal)).ToList())
        {
            File.Delete(old);
        }

        var drawn = new List<(IFigure Figure, string Title)>();
        var skipped = new List<string>();
        var files = new List<string>();
        foreach (var figure in FigureRegistry.All.Where(f => f.RequiredFiles.All(run.Has)))
        {
            Plot? plot;
            try
            {
                plot = figure.Draw(run);
            }
            catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException or FormatException or IndexOutOfRangeException)
            {
                // A file of an unexpected shape (hand-edited, an older version) skips its figure, never the run.
                skipped.Add($"{figure.Name}: {string.Join(", ", figure.RequiredFiles)} could not be read ({ex.Message})");
                continue;
            }

            if (plot is null)
            {
                skipped.Add($"{figure.Name}: {string.Join(", ", figure.RequiredFiles)} hold nothing to draw");
                continue;
            }

            plot.SavePng(Path.Combine(plots, figure.Name + ".png"), FigureStyle.WidthPx, FigureStyle.HeightPx);
            plot.SaveSvg(Path.Combine(plots, figure.Name + ".svg"), FigureStyle.WidthPx, FigureStyle.HeightPx);
            files.Add($"{PlotsFolder}/{figure.Name}.png");
            files.Add($"{PlotsFolder}/{figure.Name}.svg");
            drawn.Add((figure, plot.Axes.Title.Label.Text));
        }

        File.WriteAllText(Path.Combine(run.Path, ReportFile), ReportHtml.Render(run, drawn), new UTF8Encoding(false));
        files.Add(ReportFile);
        files.Sort(StringComparer.Ordinal);
        return new ReportOutcome([.. drawn.Select(d => d.Figure.Name)], files, skipped);
    }
}
