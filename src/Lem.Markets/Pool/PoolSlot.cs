using Lem.Grid.Formulations;
using NodaTime;

namespace Lem.Markets.Pool;

/// <summary>The outcome of a pool clearing in one slot: prices per bus, exchange with the outside market, welfare and grid state.</summary>
public sealed record PoolSlot
{
    /// <summary>The slot index in the horizon.</summary>
    public required int Index { get; init; }

    /// <summary>The first instant of the slot.</summary>
    public required Instant Start { get; init; }

    /// <summary>The price at each bus of <see cref="PoolResult.BusIds"/> in EUR/MWh (the balance dual divided by the slot length, or the tie-rule price).</summary>
    public required IReadOnlyList<double> PricesEurPerMwh { get; init; }

    /// <summary>Where the prices come from.</summary>
    public required PriceSource PriceSource { get; init; }

    /// <summary>The lower end of the clearing-price interval in EUR/MWh when the tie rules were applied (may be −∞), else null.</summary>
    public double? PriceLowEurPerMwh { get; init; }

    /// <summary>The upper end of the clearing-price interval in EUR/MWh when the tie rules were applied (may be +∞), else null.</summary>
    public double? PriceHighEurPerMwh { get; init; }

    /// <summary>The energy imported from the outside market in the slot, MWh.</summary>
    public required double ImportMwh { get; init; }

    /// <summary>The energy exported to the outside market in the slot, MWh.</summary>
    public required double ExportMwh { get; init; }

    /// <summary>The welfare of the slot in EUR: utility of accepted bids minus the costs of offers, imports, curtailment, shedding and degradation, plus export revenue.</summary>
    public required decimal WelfareEur { get; init; }

    /// <summary>Active losses in MW (zero for lossless formulations).</summary>
    public required double LossesMw { get; init; }

    /// <summary>The voltage magnitude at each bus in p.u., or null when the formulation has no voltages.</summary>
    public IReadOnlyList<double>? VoltagesPu { get; init; }

    /// <summary>The active flow entering each branch of <see cref="PoolResult.BranchIds"/> at its from end in MW, or null when the formulation has no flows.</summary>
    public IReadOnlyList<double>? BranchFlowsMw { get; init; }

    /// <summary>
    /// The DLMP at each bus of <see cref="PoolResult.BusIds"/> split into energy, loss, congestion and voltage, in EUR/MWh
    /// (the totals are <see cref="PricesEurPerMwh"/>), or null when the formulation has no decomposition
    /// (docs/formulations.md#prices-and-dlmps).
    /// </summary>
    public IReadOnlyList<DlmpDecomposition>? Dlmps { get; init; }

    /// <summary>The cone gap of every branch when the formulation is the SOC relaxation, else null (docs/formulations.md#soc-distflow).</summary>
    public SocExactnessReport? SocExactness { get; init; }
}
