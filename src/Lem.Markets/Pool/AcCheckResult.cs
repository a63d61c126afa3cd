using Lem.Grid.PowerFlow;

namespace Lem.Markets.Pool;

/// <summary>The AC power-flow check of a cleared pool, slot by slot, with totals.</summary>
/// <param name="Algorithm">The power-flow algorithm used.</param>
/// <param name="Slots">One entry per slot.</param>
/// <param name="Violations">Every limit broken, by slot.</param>
public sealed record AcCheckResult(PowerFlowAlgorithm Algorithm, IReadOnlyList<AcCheckSlot> Slots, IReadOnlyList<AcCheckViolation> Violations)
{
    /// <summary>Whether every slot's power flow converged.</summary>
    public bool AllConverged => Slots.All(s => s.Status == PowerFlowStatus.Converged);

    /// <summary>The lowest voltage over all slots.</summary>
    public double VmMinPu => Slots.Count == 0 ? double.NaN : Slots.Min(s => s.VmMinPu);

    /// <summary>The highest voltage over all slots.</summary>
    public double VmMaxPu => Slots.Count == 0 ? double.NaN : Slots.Max(s => s.VmMaxPu);

    /// <summary>The highest branch loading over all slots.</summary>
    public double MaxLoadingPercent => Slots.Count == 0 ? 0 : Slots.Max(s => s.MaxLoadingPercent);

    /// <summary>
    /// The losses over the horizon in MWh (each slot's MW × <paramref name="slotHours"/>): series, transformer no-load,
    /// shunt, and their total.
    /// </summary>
    public (double SeriesMwh, double TransformerNoLoadMwh, double ShuntMwh, double TotalMwh) LossesMwh(double slotHours)
    {
        double series = 0, noLoad = 0, shunt = 0;
        foreach (var s in Slots)
        {
            series += s.LossesMw;
            noLoad += s.TransformerNoLoadLossesMw;
            shunt += s.ShuntLossesMw;
        }

        return (series * slotHours, noLoad * slotHours, shunt * slotHours, (series + noLoad + shunt) * slotHours);
    }

    /// <summary>The largest formulation-versus-AC voltage difference over all slots, or null without formulation voltages.</summary>
    public double? MaxVoltageDeviationPu => Slots.Any(s => s.MaxVoltageDeviationPu is not null) ? Slots.Max(s => s.MaxVoltageDeviationPu ?? 0) : null;

    /// <summary>The per-phase part of a three-phase check (<see cref="ThreePhaseAcCheck"/>), or null for a single-phase one.</summary>
    public ThreePhaseCheck? ThreePhase { get; init; }
}
