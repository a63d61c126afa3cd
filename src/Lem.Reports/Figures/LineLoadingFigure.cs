namespace Lem.Reports.Figures;

/// <summary>The highest line and transformer loading per slot from the AC check (<c>ac_max_loading_percent</c> rows of <c>grid.csv</c>).</summary>
public sealed class LineLoadingFigure : IFigure
{
    /// <inheritdoc/>
    public string Name => "line-loading";

    /// <inheritdoc/>
    public string Caption => "The loading of the most loaded line or transformer in each slot, from the AC power-flow check (% of its rating); the dashed line is the 100 % limit. Slots above it are congested.";

    /// <inheritdoc/>
    public IReadOnlyList<string> RequiredFiles => ["grid.csv"];

    /// <inheritdoc/>
    public Plot? Draw(RunFolder run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var m = BusSlotMatrix.Extract(run.Csv("grid.csv"), "ac_max_loading_percent");
        if (m.Elements.Length == 0 || m.Slots.Length == 0)
        {
            return null;
        }

        var xs = m.Slots.Select(s => FigureStyle.Hours(s, run.SlotMinutes)).ToArray();
        var ys = Enumerable.Range(0, m.Slots.Length).Select(c => m.Values[0, c]).ToArray();
        var plot = FigureStyle.New($"Highest line/transformer loading per slot (AC check): {run.Where()}", FigureStyle.TimeLabel(run), "loading (% of rating)");
        FigureStyle.Line(plot, xs, ys, "most loaded branch");
        var limit = plot.Add.HorizontalLine(100);
        limit.LinePattern = LinePattern.Dashed;
        limit.LineColor = Colors.Red;
        limit.LegendText = "rating (100 %)";
        plot.Axes.SetLimitsY(0, Math.Max(110, ys.Where(double.IsFinite).DefaultIfEmpty(0).Max() * 1.1));
        plot.ShowLegend();
        return plot;
    }
}
