namespace Lem.Reports;

/// <summary>Shared axis conventions of the figures: time in hours since the first slot, sizes, the log axis.</summary>
public static class FigureStyle
{
    /// <summary>The width of every figure in pixels.</summary>
    public const int WidthPx = 960;

    /// <summary>The height of every figure in pixels.</summary>
    public const int HeightPx = 480;

    /// <summary>The font family of every text (Debian's fonts-dejavu-core, installed by scripts/setup.sh; docs/reports.md#fonts).</summary>
    public const string FontName = "DejaVu Sans";

    /// <summary>The hours since the first slot's start of slot <paramref name="slot"/>.</summary>
    public static double Hours(double slot, double slotMinutes) => slot * slotMinutes / 60.0;

    /// <summary>The time axis label: "time since START (h)".</summary>
    public static string TimeLabel(RunFolder run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var start = run.StartLabel();
        return start.Length > 0 ? $"time since {start} (h)" : "time since the first slot (h)";
    }

    /// <summary>A new plot with title and axis labels.</summary>
    public static Plot New(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Font.Set(FontName);
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        return plot;
    }

    /// <summary>A line without markers.</summary>
    public static ScottPlot.Plottables.Scatter Line(Plot plot, double[] xs, double[] ys, string legend)
    {
        ArgumentNullException.ThrowIfNull(plot);
        var line = plot.Add.Scatter(xs, ys);
        line.MarkerSize = 0;
        line.LineWidth = 2;
        line.LegendText = legend;
        return line;
    }

    /// <summary>Shows the left axis as a log10 axis: the plotted values are log10 of the data (docs/reports.md#admm-residuals).</summary>
    public static void LogLeftAxis(Plot plot)
    {
        ArgumentNullException.ThrowIfNull(plot);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = y => "1e" + y.ToString("0", CultureInfo.InvariantCulture),
        };
    }

    /// <summary>Labels the bottom axis with category names at 0, 1, 2, ….</summary>
    public static void Categories(Plot plot, IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(plot);
        ArgumentNullException.ThrowIfNull(names);
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, names.Count).Select(i => (double)i)], [.. names]);
    }
}
