namespace Lem.Reports.Figures;

/// <summary>Import from and export to the outside grid per hour (mean power), from the <c>hours</c> table of <c>summary.json</c>.</summary>
public sealed class ImportExportFigure : IFigure
{
    /// <inheritdoc/>
    public string Name => "import-export";

    /// <inheritdoc/>
    public string Caption => "Mean power bought from (import, above zero) and sold to (export, below zero) the outside grid in each hour (kW): the hour's energy divided by its length.";

    /// <inheritdoc/>
    public IReadOnlyList<string> RequiredFiles => ["summary.json"];

    /// <inheritdoc/>
    public Plot? Draw(RunFolder run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Json("summary.json") is not { ValueKind: JsonValueKind.Object } s || !s.TryGetProperty("hours", out var hours) || hours.ValueKind != JsonValueKind.Array || hours.GetArrayLength() == 0)
        {
            return null;
        }

        var xs = new List<double>();
        var import = new List<double>();
        var export = new List<double>();
        foreach (var h in hours.EnumerateArray())
        {
            var first = h.GetProperty("first_slot").GetDouble();
            var lengthH = FigureStyle.Hours(h.GetProperty("slot_count").GetDouble(), run.SlotMinutes);
            xs.Add(FigureStyle.Hours(first, run.SlotMinutes));
            import.Add(h.GetProperty("import_mwh").GetDouble() * 1000 / lengthH);
            export.Add(-h.GetProperty("export_mwh").GetDouble() * 1000 / lengthH);
        }

        var plot = FigureStyle.New($"Import and export at the connection to the outside grid: {run.Where()}", FigureStyle.TimeLabel(run), "mean power (kW), import > 0, export < 0");
        FigureStyle.Line(plot, [.. xs], [.. import], "import").ConnectStyle = ConnectStyle.StepHorizontal;
        FigureStyle.Line(plot, [.. xs], [.. export], "export").ConnectStyle = ConnectStyle.StepHorizontal;
        plot.Add.HorizontalLine(0).LineColor = Colors.Black;
        plot.ShowLegend();
        return plot;
    }
}
