namespace Lem.Markets.Pool;

/// <summary>
/// The per-phase results of a three-phase AC check (docs/three-phase.md#lindist3flow-clearing-with-per-phase-prices):
/// the linearisation error of the clearing's per-phase voltages and the voltage unbalance, slot by slot.
/// </summary>
/// <param name="ZeroToPositiveRatio">The Z_0/Z_1 assumed for the lines.</param>
/// <param name="Slots">One entry per slot.</param>
public sealed record ThreePhaseCheck(double ZeroToPositiveRatio, IReadOnlyList<ThreePhaseCheckSlot> Slots)
{
    /// <summary>Per phase a, b, c the largest |V_formulation − V_AC| over all buses and slots (p.u.), or null without predictions.</summary>
    public IReadOnlyList<double>? MaxVoltageErrorPu =>
        Slots.All(s => s.MaxVoltageErrorPu is null) ? null : [.. Enumerable.Range(0, 3).Select(phi => Slots.Max(s => s.MaxVoltageErrorPu?[phi] ?? 0))];

    /// <summary>The largest voltage unbalance factor over all buses and slots, percent.</summary>
    public double MaxUnbalancePercent => Slots.Count == 0 ? 0 : Slots.Max(s => s.MaxUnbalancePercent);
}
