namespace Lem.Reports.Figures;

/// <summary>The simulation's price and exchange per slot over all days (<c>slots.csv</c> of <c>lem simulate</c>).</summary>
public sealed class SimulationSlotsFigure : IFigure
{
    /// <inheritdoc/>
    public string Name => "simulation-slots";

    /// <inheritdoc/>
    public string Caption => "Over all simulated days: import and export at the grid connection (kW, export drawn below zero) and the imbalance (kW) per slot. The days follow each other on the time axis.";

    /// <inheritdoc/>
    public IReadOnlyList<string> RequiredFiles => ["slots.csv"];

    /// <inheritdoc/>
    public Plot? Draw(RunFolder run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var t = run.Csv("slots.csv");
        if (t.Rows.Count == 0)
        {
            return null;
        }

        var perDay = Enumerable.Range(0, t.Rows.Count).Select(i => t.Number(i, "slot")).Where(double.IsFinite).DefaultIfEmpty(0).Max() + 1;
        var xs = Enumerable.Range(0, t.Rows.Count).Select(i => (t.Number(i, "day") * perDay + t.Number(i, "slot")) * 24 / perDay).ToArray();
        var plot = FigureStyle.New($"Exchange with the outside grid per slot over the simulated days: {run.Where()}", "time since the first day's start (h)", "power (kW), import > 0, export < 0");
        FigureStyle.Line(plot, xs, t.Numbers("import_kw"), "import");
        FigureStyle.Line(plot, xs, [.. Enumerable.Range(0, t.Rows.Count).Select(i => -t.Number(i, "export_kw"))], "export");
        FigureStyle.Line(plot, xs, t.Numbers("imbalance_kw"), "imbalance").LineWidth = 1;
        plot.ShowLegend();
        return plot;
    }
}
