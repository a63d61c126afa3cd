namespace Lem.Reports.Figures;

/// <summary>Each participant's bill against its no-market baseline (<c>invoices/summary.json</c>, written by <c>--settle</c>).</summary>
public sealed class BillsFigure : IFigure
{
    /// <inheritdoc/>
    public string Name => "bills";

    /// <inheritdoc/>
    public string Caption => "Each participant's bill for the period with the local market (EUR) next to its baseline bill without the market (retail price for every kWh bought, feed-in tariff for every kWh sold). Negative bills are net revenue; a bar pair where the market bill is higher marks a participant worse off.";

    /// <inheritdoc/>
    public IReadOnlyList<string> RequiredFiles => ["invoices/summary.json"];

    /// <inheritdoc/>
    public Plot? Draw(RunFolder run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Json("invoices/summary.json") is not { ValueKind: JsonValueKind.Object } s || !s.TryGetProperty("participants", out var ps) || ps.ValueKind != JsonValueKind.Array || ps.GetArrayLength() == 0)
        {
            return null;
        }

        var names = new List<string>();
        var bills = new List<Bar>();
        var i = 0;
        foreach (var p in ps.EnumerateArray())
        {
            names.Add(p.GetProperty("id").GetString() ?? string.Empty);
            bills.Add(new Bar { Position = i - 0.2, Size = 0.4, Value = p.GetProperty("total_eur").GetDouble(), FillColor = Colors.SteelBlue });
            bills.Add(new Bar { Position = i + 0.2, Size = 0.4, Value = p.GetProperty("baseline_eur").GetDouble(), FillColor = Colors.Orange });
            i++;
        }

        var plot = FigureStyle.New($"Bills with the market against the baseline per participant: {run.Where()}", "participant", "bill (EUR), negative = revenue");
        plot.Add.Bars(bills);
        FigureStyle.Categories(plot, names);
        if (names.Count > 12)
        {
            plot.Axes.Bottom.TickLabelStyle.Rotation = 90;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        }

        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "with the market", FillColor = Colors.SteelBlue });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "baseline (no market)", FillColor = Colors.Orange });
        plot.ShowLegend();
        return plot;
    }
}
