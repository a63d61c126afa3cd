namespace Lem.Reports;

/// <summary>
/// One figure of a run's report (docs/reports.md#figures): it declares the run files it reads and draws itself from them.
/// Figures are registered in <see cref="FigureRegistry"/>.
/// </summary>
public interface IFigure
{
    /// <summary>The file stem under <c>plots/</c> (kebab case, unique).</summary>
    string Name { get; }

    /// <summary>How to read the figure (shown under it in <c>report.html</c>).</summary>
    string Caption { get; }

    /// <summary>The run files (relative paths) the figure reads; it is drawn only when all exist.</summary>
    IReadOnlyList<string> RequiredFiles { get; }

    /// <summary>Draws the figure, or returns null when the files hold nothing to draw (e.g. no rows, a column missing).</summary>
    Plot? Draw(RunFolder run);
}
