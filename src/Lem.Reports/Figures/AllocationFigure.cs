namespace Lem.Reports.Figures;

/// <summary>
/// The cooperative allocations of the community's cost against the market's own payments (<c>allocation.csv</c>, written
/// by <c>lem allocate --out</c>): one group of bars per rule, one bar per participant (docs/reports.md#figures).
/// </summary>
public sealed class AllocationFigure : IFigure
{
    /// <summary>The file the figure reads.</summary>
    public const string File = "allocation.csv";

    /// <summary>The participant column; every other column ending in <c>_eur</c> is a rule (one group of bars).</summary>
    public const string ParticipantColumn = "participant";

    /// <inheritdoc/>
    public string Name => "allocation";

    /// <inheritdoc/>
    public string Caption => "Each participant's share of the community's cost (EUR, negative = revenue) under every cooperative rule computed (Shapley value, nucleolus, Nash bargaining, …), next to what it pays in the community's own copper-plate pool market (market) and what it would pay alone (standalone). A rule gives a participant a saving where its bar is below the standalone bar; the market's payments are money only, without the curtailment costs and bid utilities the coalition costs include (docs/allocation.md).";

    /// <inheritdoc/>
    public IReadOnlyList<string> RequiredFiles => [File];

    /// <summary>The rule columns of the table (every <c>*_eur</c> column in file order) and their labels.</summary>
    public static IReadOnlyList<(string Column, string Label)> Rules(CsvTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return [.. table.Columns.Where(c => c != ParticipantColumn && c.EndsWith("_eur", StringComparison.Ordinal)).Select(c => (c, c[..^4]))];
    }

    /// <inheritdoc/>
    public Plot? Draw(RunFolder run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var table = run.Csv(File);
        var rules = Rules(table);
        if (table.Rows.Count == 0 || rules.Count == 0 || !table.Has(ParticipantColumn))
        {
            return null;
        }

        var participants = table.Texts(ParticipantColumn);
        var palette = new ScottPlot.Palettes.Category20();
        var width = 0.8 / participants.Length;
        var bars = new List<Bar>();
        for (var g = 0; g < rules.Count; g++)
        {
            var values = table.Numbers(rules[g].Column);
            for (var i = 0; i < participants.Length; i++)
            {
                if (double.IsFinite(values[i]))
                {
                    bars.Add(new Bar { Position = g - 0.4 + (width * (i + 0.5)), Size = width * 0.9, Value = values[i], FillColor = palette.GetColor(i), LineWidth = 0 });
                }
            }
        }

        if (bars.Count == 0)
        {
            return null;
        }

        var plot = FigureStyle.New($"Cooperative allocation against the market per participant: {run.Where()}", "rule", "cost share (EUR), negative = revenue");
        plot.Add.Bars(bars);
        FigureStyle.Categories(plot, [.. rules.Select(r => r.Label)]);
        var zero = plot.Add.HorizontalLine(0);
        zero.LineColor = Colors.Black;
        zero.LineWidth = 1;
        if (participants.Length <= 20)
        {
            for (var i = 0; i < participants.Length; i++)
            {
                plot.Legend.ManualItems.Add(new LegendItem { LabelText = participants[i], FillColor = palette.GetColor(i) });
            }

            plot.ShowLegend(Edge.Right);
        }

        return plot;
    }
}
