namespace Lem.Reports.Figures;

/// <summary>What the two flexibility figures share: the element-slot pairs of a before/after CSV and their bars.</summary>
public static class FlexPairs
{
    /// <summary>
    /// The rows as pairs, at most <paramref name="max"/>: the ones farthest from <paramref name="reference"/> (before or
    /// after), shown in slot order then file order.
    /// </summary>
    public static IReadOnlyList<FlexPair> Select(CsvTable table, string element, string before, string after, int max, double reference = 0)
    {
        ArgumentNullException.ThrowIfNull(table);
        var all = Enumerable.Range(0, table.Rows.Count)
            .Select(r => new FlexPair(r, $"{table.Text(r, element)} @ {table.Text(r, "slot")}", table.Number(r, before), table.Number(r, after)))
            .ToList();
        static double Far(FlexPair p, double reference) => Math.Max(double.IsFinite(p.Before) ? Math.Abs(p.Before - reference) : 0, double.IsFinite(p.After) ? Math.Abs(p.After - reference) : 0);
        return all.Count <= max ? all : [.. all.OrderByDescending(p => Far(p, reference)).ThenBy(p => p.Row).Take(max).OrderBy(p => p.Row)];
    }

    /// <summary>The title's note when not every row is drawn.</summary>
    public static string Shown(int drawn, int rows) => drawn < rows ? $" ({drawn} of {rows} most affected)" : string.Empty;

    /// <summary>Adds the before (orange) and after (blue) bars from <paramref name="valueBase"/>, the category labels and the legend items.</summary>
    public static void Bars(Plot plot, IReadOnlyList<FlexPair> pairs, double valueBase)
    {
        ArgumentNullException.ThrowIfNull(plot);
        ArgumentNullException.ThrowIfNull(pairs);
        var bars = new List<Bar>();
        for (var i = 0; i < pairs.Count; i++)
        {
            if (double.IsFinite(pairs[i].Before))
            {
                bars.Add(new Bar { Position = i - 0.2, Size = 0.4, ValueBase = valueBase, Value = pairs[i].Before, FillColor = Colors.Orange, LineWidth = 0 });
            }

            if (double.IsFinite(pairs[i].After))
            {
                bars.Add(new Bar { Position = i + 0.2, Size = 0.4, ValueBase = valueBase, Value = pairs[i].After, FillColor = Colors.SteelBlue, LineWidth = 0 });
            }
        }

        plot.Add.Bars(bars);
        FigureStyle.Categories(plot, [.. pairs.Select(p => p.Label)]);
        if (pairs.Count > 8)
        {
            plot.Axes.Bottom.TickLabelStyle.Rotation = 90;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        }

        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "before (baseline)", FillColor = Colors.Orange });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "after (with the orders)", FillColor = Colors.SteelBlue });
    }
}
