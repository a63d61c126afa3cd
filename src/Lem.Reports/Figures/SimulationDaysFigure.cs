namespace Lem.Reports.Figures;

/// <summary>The simulation's daily KPIs (<c>days.csv</c> of <c>lem simulate</c>): welfare, bills and imbalance cost per day.</summary>
public sealed class SimulationDaysFigure : IFigure
{
    /// <inheritdoc/>
    public string Name => "simulation-days";

    /// <inheritdoc/>
    public string Caption => "Daily KPIs of the simulation (EUR per day): the welfare of the day-ahead clearing, the sum of the participants' bills and the imbalance cost of deviations from the schedule.";

    /// <inheritdoc/>
    public IReadOnlyList<string> RequiredFiles => ["days.csv"];

    /// <inheritdoc/>
    public Plot? Draw(RunFolder run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var t = run.Csv("days.csv");
        if (t.Rows.Count == 0)
        {
            return null;
        }

        var xs = t.Numbers("day");
        var plot = FigureStyle.New($"Daily KPIs of the simulation: {run.Where()}", "day", "EUR per day");
        foreach (var (column, legend) in new[] { ("welfare_eur", "welfare"), ("bills_eur", "bills"), ("imbalance_eur", "imbalance cost") })
        {
            if (t.Has(column))
            {
                FigureStyle.Line(plot, xs, t.Numbers(column), legend).MarkerSize = 6;
            }
        }

        plot.ShowLegend();
        return plot;
    }
}
