namespace Lem.Reports.Figures;

/// <summary>Prices per slot: the band between the lowest and highest bus price (DLMP spread) and the bus mean.</summary>
public sealed class PricesFigure : IFigure
{
    /// <inheritdoc/>
    public string Name => "prices";

    /// <inheritdoc/>
    public string Caption => "Local price per slot (EUR/MWh). The shaded band spans the lowest to the highest bus price of the slot (the DLMP spread caused by losses, congestion and voltage limits); the line is the mean over buses. On a copper plate the band is a single line.";

    /// <inheritdoc/>
    public IReadOnlyList<string> RequiredFiles => ["prices.csv"];

    /// <inheritdoc/>
    public Plot? Draw(RunFolder run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var band = PriceBand.Extract(run.Csv("prices.csv"));
        if (band.Slots.Length == 0)
        {
            return null;
        }

        var xs = band.Slots.Select(s => FigureStyle.Hours(s, run.SlotMinutes)).ToArray();
        var plot = FigureStyle.New($"Local prices per slot over {band.BusCount} bus(es): {run.Where()}", FigureStyle.TimeLabel(run), "price (EUR/MWh)");
        var fill = plot.Add.FillY(xs, band.MinEurPerMwh, band.MaxEurPerMwh);
        fill.LegendText = "min … max over buses";
        FigureStyle.Line(plot, xs, band.MeanEurPerMwh, "mean over buses");
        plot.ShowLegend();
        return plot;
    }
}
