namespace Lem.Reports.Figures;

/// <summary>The ADMM primal and dual residuals and their tolerances per iteration (<c>convergence.csv</c>), on a log scale.</summary>
public sealed class AdmmResidualsFigure : IFigure
{
    /// <inheritdoc/>
    public string Name => "admm-residuals";

    /// <inheritdoc/>
    public string Caption => "ADMM convergence (log scale): the primal residual (how far the agents still disagree, kW) and the dual residual (how much the consensus still moves) per iteration, with their stopping tolerances (dashed). The run stops when both residuals are below their tolerances.";

    /// <inheritdoc/>
    public IReadOnlyList<string> RequiredFiles => ["convergence.csv"];

    /// <inheritdoc/>
    public Plot? Draw(RunFolder run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var t = run.Csv("convergence.csv");
        if (t.Rows.Count == 0 || !t.Has("iteration"))
        {
            return null;
        }

        var plot = FigureStyle.New($"ADMM residuals per iteration: {run.Where()}", "iteration", "residual (log scale)");
        var xs = t.Numbers("iteration");
        foreach (var (column, legend, dashed) in new[] { ("primal_residual", "primal residual", false), ("dual_residual", "dual residual", false), ("primal_tolerance", "primal tolerance", true), ("dual_tolerance", "dual tolerance", true) })
        {
            if (!t.Has(column))
            {
                continue;
            }

            var ys = Enumerable.Range(0, t.Rows.Count).Select(i => Log10(t.Number(i, column))).ToArray();
            var line = FigureStyle.Line(plot, xs, ys, legend);
            if (dashed)
            {
                line.LinePattern = LinePattern.Dashed;
            }
        }

        FigureStyle.LogLeftAxis(plot);
        plot.ShowLegend();
        return plot;
    }

    /// <summary>log10 of a positive value; zero and negatives map to NaN (not drawn).</summary>
    public static double Log10(double value) => value > 0 ? Math.Log10(value) : double.NaN;
}
