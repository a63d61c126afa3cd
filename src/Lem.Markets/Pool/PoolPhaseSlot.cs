namespace Lem.Markets.Pool;

/// <summary>
/// The per-phase grid state of a pool slot cleared with a phase-aware formulation (lindist3flow,
/// docs/three-phase.md#lindist3flow-clearing-with-per-phase-prices); every array is [bus or branch][phase a, b, c].
/// </summary>
/// <param name="PricesEurPerMwh">The price of active demand on each phase of each bus of <see cref="PoolResult.BusIds"/>, EUR/MWh.</param>
/// <param name="VoltagesPu">The voltage magnitude of each phase of each bus, p.u. of the phase-to-neutral base.</param>
/// <param name="BranchFlowsMw">The active flow entering each branch of <see cref="PoolResult.BranchIds"/> at its from end, per phase, MW.</param>
/// <param name="Dlmps">The per-phase DLMP decomposition in EUR/MWh (totals are <see cref="PricesEurPerMwh"/>), or null when the prices come from tie rules.</param>
public sealed record PoolPhaseSlot(
    IReadOnlyList<IReadOnlyList<double>> PricesEurPerMwh,
    IReadOnlyList<IReadOnlyList<double>> VoltagesPu,
    IReadOnlyList<IReadOnlyList<double>> BranchFlowsMw,
    IReadOnlyList<IReadOnlyList<DlmpDecomposition>>? Dlmps);
