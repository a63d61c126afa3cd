namespace Lem.Reports.Figures;

/// <summary>
/// Dispatch stacked by asset kind: the net injection of each kind per slot, generation stacked above zero and
/// consumption below (import and export are drawn in <see cref="ImportExportFigure"/>). Without a kind column
/// (the distributed mechanisms) the stack is by participant.
/// </summary>
public sealed class DispatchFigure : IFigure
{
    private static readonly string[] GridKinds = ["import", "export"];

    /// <inheritdoc/>
    public string Name => "dispatch";

    /// <inheritdoc/>
    public string Caption => "Net injection per slot (kW), stacked by asset kind (or by participant when the mechanism reports no kinds): areas above zero feed in, areas below zero consume. A kind that both charges and discharges (a battery) shows on the side of its net value in each slot.";

    /// <inheritdoc/>
    public IReadOnlyList<string> RequiredFiles => ["dispatch.csv"];

    /// <inheritdoc/>
    public Plot? Draw(RunFolder run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var table = run.Csv("dispatch.csv");
        var byKind = table.Has("kind");
        var series = StackedSeries.Extract(table, byKind ? "kind" : "participant", "net_injection_kw", g => !GridKinds.Contains(g));
        if (series.Slots.Length == 0)
        {
            return null;
        }

        var xs = series.Slots.Select(s => FigureStyle.Hours(s, run.SlotMinutes)).ToArray();
        var plot = FigureStyle.New($"Dispatch by {(byKind ? "asset kind" : "participant")}: {run.Where()}", FigureStyle.TimeLabel(run), "net injection (kW)");
        var up = new double[xs.Length];
        var down = new double[xs.Length];
        var palette = new ScottPlot.Palettes.Category10();
        for (var g = 0; g < series.Groups.Length; g++)
        {
            var v = series.Values[g];
            var upNext = up.Select((u, s) => u + Math.Max(0, v[s])).ToArray();
            var downNext = down.Select((d, s) => d + Math.Min(0, v[s])).ToArray();
            var color = palette.GetColor(g).WithAlpha(0.75);
            if (v.Any(x => x > 0))
            {
                var f = plot.Add.FillY(xs, up, upNext);
                f.FillColor = color;
                f.LineWidth = 0;
                f.LegendText = series.Groups[g];
            }

            if (v.Any(x => x < 0))
            {
                var f = plot.Add.FillY(xs, downNext, down);
                f.FillColor = color;
                f.LineWidth = 0;
                f.LegendText = v.Any(x => x > 0) ? string.Empty : series.Groups[g];
            }

            up = upNext;
            down = downNext;
        }

        plot.Add.HorizontalLine(0).LineColor = Colors.Black;
        if (series.Groups.Length <= 12)
        {
            plot.ShowLegend(Edge.Right);
        }

        return plot;
    }
}
