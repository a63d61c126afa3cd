namespace Lem.Markets.Pool;

/// <summary>The outcome of a pool clearing in one slot: prices per bus, exchange with the outside market, welfare and grid state.</summary>
/// <param name="Index">The slot index in the horizon.</param>
/// <param name="Start">The first instant of the slot.</param>
/// <param name="PricesEurPerMwh">The price at each bus of <see cref="PoolResult.BusIds"/> in EUR/MWh (the balance dual divided by the slot length, or the tie-rule price).</param>
/// <param name="PriceSource">Where the prices come from.</param>
/// <param name="PriceLowEurPerMwh">The lower end of the clearing-price interval in EUR/MWh when the tie rules were applied (may be −∞), else null.</param>
/// <param name="PriceHighEurPerMwh">The upper end of the clearing-price interval in EUR/MWh when the tie rules were applied (may be +∞), else null.</param>
/// <param name="ImportMwh">The energy imported from the outside market in the slot, MWh.</param>
/// <param name="ExportMwh">The energy exported to the outside market in the slot, MWh.</param>
/// <param name="WelfareEur">The welfare of the slot in EUR: utility of accepted bids minus the costs of offers, imports, curtailment, shedding and degradation, plus export revenue.</param>
/// <param name="LossesMw">Active losses in MW (zero for lossless formulations).</param>
/// <param name="VoltagesPu">The voltage magnitude at each bus in p.u., or null when the formulation has no voltages.</param>
/// <param name="BranchFlowsMw">The active flow entering each branch of <see cref="PoolResult.BranchIds"/> at its from end in MW, or null when the formulation has no flows.</param>
/// <param name="Dlmps">The DLMP at each bus of <see cref="PoolResult.BusIds"/> split into energy, loss, congestion and voltage, in EUR/MWh (the totals are <see cref="PricesEurPerMwh"/>), or null when the formulation has no decomposition (docs/formulations.md#prices-and-dlmps).</param>
/// <param name="SocExactness">The cone gap of every branch when the formulation is the SOC relaxation, else null (docs/formulations.md#soc-distflow).</param>
public sealed record PoolSlot(
    int Index,
    Instant Start,
    IReadOnlyList<double> PricesEurPerMwh,
    PriceSource PriceSource,
    double? PriceLowEurPerMwh,
    double? PriceHighEurPerMwh,
    double ImportMwh,
    double ExportMwh,
    decimal WelfareEur,
    double LossesMw,
    IReadOnlyList<double>? VoltagesPu,
    IReadOnlyList<double>? BranchFlowsMw,
    IReadOnlyList<DlmpDecomposition>? Dlmps,
    SocExactnessReport? SocExactness)
{
    /// <summary>The per-phase prices, voltages, flows and DLMPs when the formulation is phase-aware (lindist3flow), else null.</summary>
    public PoolPhaseSlot? Phases { get; init; }
}
