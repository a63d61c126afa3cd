namespace Lem.Reports.Figures;

/// <summary>
/// The loading of every congested line or transformer before and after the flexibility orders (<c>flex_loading.csv</c>,
/// written by <c>lem flex --out</c>): one pair of bars per branch and slot that is overloaded in either power flow.
/// </summary>
public sealed class FlexLoadingFigure : IFigure
{
    /// <summary>The file the figure reads.</summary>
    public const string File = "flex_loading.csv";

    /// <summary>The most branch-slot pairs drawn (the most loaded ones); the CSV keeps them all.</summary>
    public const int MaxPairs = 40;

    /// <inheritdoc/>
    public string Name => "flex-loading";

    /// <inheritdoc/>
    public string Caption => "Each congested line or transformer in each slot where it is overloaded before or after the flexibility orders: its loading in the AC power flow of the baseline (before) and with the orders (after), in % of its rating; the dashed line is the 100 % limit. A cleared market brings every after bar to or below the limit (within the clearing's thermal tolerance). At most 40 pairs are drawn, the most loaded first; flex_loading.csv has every one.";

    /// <inheritdoc/>
    public IReadOnlyList<string> RequiredFiles => [File];

    /// <inheritdoc/>
    public Plot? Draw(RunFolder run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var t = run.Csv(File);
        if (t.Rows.Count == 0 || !t.Has("branch") || !t.Has("before_percent") || !t.Has("after_percent"))
        {
            return null;
        }

        var pairs = FlexPairs.Select(t, "branch", "before_percent", "after_percent", MaxPairs);
        var plot = FigureStyle.New($"Line loading before/after flexibility{FlexPairs.Shown(pairs.Count, t.Rows.Count)}: {run.Where()}", "branch @ slot", "loading (% of rating)");
        FlexPairs.Bars(plot, pairs, valueBase: 0);
        var limit = plot.Add.HorizontalLine(100);
        limit.LinePattern = LinePattern.Dashed;
        limit.LineColor = Colors.Red;
        limit.LegendText = "rating (100 %)";
        var top = pairs.SelectMany(p => new[] { p.Before, p.After }).Where(double.IsFinite).DefaultIfEmpty(0).Max();
        plot.Axes.SetLimitsY(0, Math.Max(110, top * 1.1));
        plot.ShowLegend(Edge.Right);
        return plot;
    }
}
