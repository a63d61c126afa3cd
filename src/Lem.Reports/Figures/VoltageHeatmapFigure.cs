namespace Lem.Reports.Figures;

/// <summary>Voltage magnitude per bus and slot (the AC check's <c>vm_pu</c> rows of <c>grid.csv</c>) as a heat map.</summary>
public sealed class VoltageHeatmapFigure : IFigure
{
    /// <inheritdoc/>
    public string Name => "voltage-heatmap";

    /// <inheritdoc/>
    public string Caption => "Voltage magnitude of every bus (rows, in bus order) in every slot (columns) from the AC power-flow check (p.u.). Dark cells are low voltages (typically far feeder ends at evening load), bright cells high voltages (PV noon feed-in); the colour bar gives the scale.";

    /// <inheritdoc/>
    public IReadOnlyList<string> RequiredFiles => ["grid.csv"];

    /// <inheritdoc/>
    public Plot? Draw(RunFolder run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var m = BusSlotMatrix.Extract(run.Csv("grid.csv"), "vm_pu");
        if (m.Elements.Length == 0 || m.Slots.Length == 0)
        {
            return null;
        }

        var plot = FigureStyle.New($"Bus voltages per slot (AC check) over {m.Elements.Length} buses: {run.Where()}", FigureStyle.TimeLabel(run), "bus (index in the grid's bus order)");
        var hm = plot.Add.Heatmap(m.Values);
        hm.Colormap = new ScottPlot.Colormaps.Viridis();
        var hours = FigureStyle.Hours(m.Slots.Length, run.SlotMinutes);
        hm.Extent = new CoordinateRect(0, hours, m.Elements.Length, 0);
        var bar = plot.Add.ColorBar(hm);
        bar.Label = "voltage magnitude (p.u.)";
        return plot;
    }
}
