namespace Lem.Reports.Figures;

/// <summary>The comparison's effort per design (<c>compare.csv</c>): wall-clock time and messages, both on log scales.</summary>
public sealed class CompareEffortFigure : IFigure
{
    /// <inheritdoc/>
    public string Name => "compare-effort";

    /// <inheritdoc/>
    public string Caption => "Effort of each market design (log scale): wall-clock seconds of the whole run and the number of messages the participants and the operator exchange (docs/comparison.md#communication). A design one grid line higher costs ten times more.";

    /// <inheritdoc/>
    public IReadOnlyList<string> RequiredFiles => ["compare.csv"];

    /// <inheritdoc/>
    public Plot? Draw(RunFolder run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var t = run.Csv("compare.csv");
        if (t.Rows.Count == 0)
        {
            return null;
        }

        var names = t.Texts("design");
        var bars = new List<Bar>();
        for (var i = 0; i < t.Rows.Count; i++)
        {
            bars.Add(new Bar { Position = i - 0.2, Size = 0.4, Value = Clamp(AdmmResidualsFigure.Log10(t.Number(i, "wall_seconds"))), FillColor = Colors.SteelBlue });
            bars.Add(new Bar { Position = i + 0.2, Size = 0.4, Value = Clamp(AdmmResidualsFigure.Log10(t.Number(i, "messages"))), FillColor = Colors.Orange });
        }

        var plot = FigureStyle.New($"Time and messages per market design: {run.Where()}", "market design", "wall time (s) and messages (log scale)");
        plot.Add.Bars(bars);
        FigureStyle.Categories(plot, names);
        FigureStyle.LogLeftAxis(plot);
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "wall time (s)", FillColor = Colors.SteelBlue });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "messages", FillColor = Colors.Orange });
        plot.ShowLegend();
        return plot;
    }

    private static double Clamp(double log) => double.IsFinite(log) ? log : 0;
}
