using Lem.Reports.Figures;

namespace Lem.Reports;

/// <summary>The registry of report figures, in the order <c>report.html</c> shows them (docs/reports.md#figures).</summary>
public static class FigureRegistry
{
    private static readonly List<IFigure> Registered = [];

    static FigureRegistry()
    {
        Register(new PricesFigure());
        Register(new DispatchFigure());
        Register(new StateOfChargeFigure());
        Register(new ImportExportFigure());
        Register(new VoltageHeatmapFigure());
        Register(new LineLoadingFigure());
        Register(new AdmmResidualsFigure());
        Register(new StochasticPricesFigure());
        Register(new BillsFigure());
        Register(new SimulationDaysFigure());
        Register(new SimulationSlotsFigure());
        Register(new CompareWelfareFigure());
        Register(new CompareEffortFigure());
        Register(new AllocationFigure());
        Register(new FlexLoadingFigure());
        Register(new FlexVoltageFigure());
    }

    /// <summary>Every registered figure, in registration order.</summary>
    public static IReadOnlyList<IFigure> All => Registered;

    /// <summary>Registers a figure; its name must be new.</summary>
    public static void Register(IFigure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        if (Registered.Any(f => f.Name == figure.Name))
        {
            throw new ArgumentException($"A figure named '{figure.Name}' is already registered.", nameof(figure));
        }

        Registered.Add(figure);
    }

    /// <summary>The figure named <paramref name="name"/>, or null.</summary>
    public static IFigure? Find(string name) => Registered.FirstOrDefault(f => f.Name == name);
}
