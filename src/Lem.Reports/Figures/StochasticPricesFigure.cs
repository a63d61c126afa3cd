namespace Lem.Reports.Figures;

/// <summary>The real-time price of each forecast-error scenario of the stochastic pool (<c>stochastic.csv</c>) with the cleared day-ahead price.</summary>
public sealed class StochasticPricesFigure : IFigure
{
    /// <inheritdoc/>
    public string Name => "stochastic-prices";

    /// <inheritdoc/>
    public string Caption => "Stochastic pool: the real-time price of each scenario (thin lines) against the cleared first-stage price (thick line), EUR/MWh. The spread of the thin lines is the price risk the first stage hedges.";

    /// <inheritdoc/>
    public IReadOnlyList<string> RequiredFiles => ["stochastic.csv", "prices.csv"];

    /// <inheritdoc/>
    public Plot? Draw(RunFolder run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var scenarios = StackedSeries.Extract(run.Csv("stochastic.csv"), "scenario", "rt_price_eur_per_mwh");
        var band = PriceBand.Extract(run.Csv("prices.csv"));
        if (scenarios.Slots.Length == 0 || band.Slots.Length == 0)
        {
            return null;
        }

        var plot = FigureStyle.New($"Real-time price per scenario and the cleared price: {run.Where()}", FigureStyle.TimeLabel(run), "price (EUR/MWh)");
        var xs = scenarios.Slots.Select(s => FigureStyle.Hours(s, run.SlotMinutes)).ToArray();
        for (var g = 0; g < scenarios.Groups.Length; g++)
        {
            var line = FigureStyle.Line(plot, xs, scenarios.Values[g], g == 0 ? "scenario real-time prices" : string.Empty);
            line.LineWidth = 1;
            line.Color = Colors.Gray.WithAlpha(0.6);
        }

        FigureStyle.Line(plot, band.Slots.Select(s => FigureStyle.Hours(s, run.SlotMinutes)).ToArray(), band.MeanEurPerMwh, "cleared price").LineWidth = 3;
        plot.ShowLegend();
        return plot;
    }
}
