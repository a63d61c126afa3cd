namespace Lem.Reports.Figures;

/// <summary>State of charge of every storage asset (batteries, EVs) per slot from <c>storage.csv</c>.</summary>
public sealed class StateOfChargeFigure : IFigure
{
    /// <inheritdoc/>
    public string Name => "state-of-charge";

    /// <inheritdoc/>
    public string Caption => "Stored energy of each storage asset at the end of each slot (kWh). Rising lines charge, falling lines discharge; a flat line at the bottom or top is an empty or full store.";

    /// <inheritdoc/>
    public IReadOnlyList<string> RequiredFiles => ["storage.csv"];

    /// <inheritdoc/>
    public Plot? Draw(RunFolder run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var series = StackedSeries.Extract(run.Csv("storage.csv"), "asset", "soc_kwh");
        if (series.Slots.Length == 0)
        {
            return null;
        }

        var xs = series.Slots.Select(s => FigureStyle.Hours(s, run.SlotMinutes)).ToArray();
        var plot = FigureStyle.New($"State of charge of {series.Groups.Length} storage asset(s): {run.Where()}", FigureStyle.TimeLabel(run), "stored energy (kWh)");
        for (var g = 0; g < series.Groups.Length; g++)
        {
            FigureStyle.Line(plot, xs, series.Values[g], series.Groups[g]);
        }

        if (series.Groups.Length <= 12)
        {
            plot.ShowLegend(Edge.Right);
        }

        return plot;
    }
}
