namespace Lem.Reports.Figures;

/// <summary>The comparison of market designs (<c>compare.csv</c> of <c>lem compare</c>): each design's welfare gap to the best.</summary>
public sealed class CompareWelfareFigure : IFigure
{
    /// <inheritdoc/>
    public string Name => "compare-welfare-gap";

    /// <inheritdoc/>
    public string Caption => "Welfare gap of each market design to the centralised optimum over the compared days (% of the optimum's welfare; docs/comparison.md). Lower is better; 0 % is the pool.";

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
        var plot = FigureStyle.New($"Welfare gap per market design: {run.Where()}", "market design", "welfare gap (% of the optimum)");
        plot.Add.Bars([.. Enumerable.Range(0, t.Rows.Count).Select(i => double.IsFinite(t.Number(i, "welfare_gap_percent")) ? t.Number(i, "welfare_gap_percent") : 0)]);
        FigureStyle.Categories(plot, names);
        return plot;
    }
}
