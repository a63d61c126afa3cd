namespace Lem.Reports.Figures;

/// <summary>
/// The voltage of every bus outside its limits before or after the flexibility orders (<c>flex_voltage.csv</c>, written
/// by <c>lem flex --out</c>): one pair of bars per bus and slot, drawn from 1.0 p.u., with the violated limit marked.
/// </summary>
public sealed class FlexVoltageFigure : IFigure
{
    /// <summary>The file the figure reads.</summary>
    public const string File = "flex_voltage.csv";

    /// <inheritdoc/>
    public string Name => "flex-voltage";

    /// <inheritdoc/>
    public string Caption => "Each bus in each slot where its voltage is outside its limits before or after the flexibility orders: the voltage magnitude in the AC power flow of the baseline (before) and with the orders (after), in p.u., drawn as bars from the nominal 1.0 p.u.; the red mark is the limit that was violated (the upper one for an over-voltage, the lower one for an under-voltage). At most 40 pairs are drawn, the farthest from 1.0 p.u. first; flex_voltage.csv has every one.";

    /// <inheritdoc/>
    public IReadOnlyList<string> RequiredFiles => [File];

    /// <inheritdoc/>
    public Plot? Draw(RunFolder run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var t = run.Csv(File);
        if (t.Rows.Count == 0 || !t.Has("bus") || !t.Has("before_pu") || !t.Has("after_pu"))
        {
            return null;
        }

        var pairs = FlexPairs.Select(t, "bus", "before_pu", "after_pu", FlexLoadingFigure.MaxPairs, reference: 1.0);
        var plot = FigureStyle.New($"Voltage before/after flexibility{FlexPairs.Shown(pairs.Count, t.Rows.Count)}: {run.Where()}", "bus @ slot", "voltage magnitude (p.u.)");
        FlexPairs.Bars(plot, pairs, valueBase: 1.0);
        if (t.Has("limit_pu"))
        {
            var limits = pairs.Select(p => t.Number(p.Row, "limit_pu")).ToArray();
            var marks = plot.Add.Scatter(Enumerable.Range(0, pairs.Count).Select(i => (double)i).ToArray(), limits);
            marks.LineWidth = 0;
            marks.MarkerShape = MarkerShape.HorizontalBar;
            marks.MarkerSize = 30;
            marks.MarkerLineWidth = 3;
            marks.Color = Colors.Red;
            marks.LegendText = "violated limit";
        }

        var values = pairs.SelectMany(p => new[] { p.Before, p.After, t.Number(p.Row, "limit_pu") }).Where(double.IsFinite).Append(1.0).ToList();
        var span = Math.Max(0.01, values.Max() - values.Min());
        plot.Axes.SetLimitsY(values.Min() - (0.15 * span), values.Max() + (0.15 * span));
        plot.ShowLegend(Edge.Right);
        return plot;
    }
}
