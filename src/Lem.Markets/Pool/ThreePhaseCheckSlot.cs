namespace Lem.Markets.Pool;

/// <summary>One slot of a three-phase AC check (docs/three-phase.md#lindist3flow-clearing-with-per-phase-prices).</summary>
/// <param name="Slot">The slot index.</param>
/// <param name="Converged">Whether the three-phase power flow converged.</param>
/// <param name="MaxVoltageErrorPu">Per phase a, b, c the largest |V_formulation − V_AC| over the buses (p.u.), or null without predicted voltages.</param>
/// <param name="MaxUnbalancePercent">The largest voltage unbalance factor |V_2|/|V_1| over the buses, percent.</param>
/// <param name="MaxUnbalanceBus">Where it is.</param>
public sealed record ThreePhaseCheckSlot(int Slot, bool Converged, IReadOnlyList<double>? MaxVoltageErrorPu, double MaxUnbalancePercent, string MaxUnbalanceBus);
