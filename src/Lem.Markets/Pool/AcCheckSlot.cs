using Lem.Grid.PowerFlow;

namespace Lem.Markets.Pool;

/// <summary>The AC power-flow check of one slot.</summary>
/// <param name="Slot">The slot index.</param>
/// <param name="Status">How the power flow ended.</param>
/// <param name="VmMinPu">The lowest voltage.</param>
/// <param name="VmMinBus">Where it is.</param>
/// <param name="VmMaxPu">The highest voltage.</param>
/// <param name="MaxLoadingPercent">The highest branch loading.</param>
/// <param name="LossesMw">Series losses, MW.</param>
/// <param name="MaxVoltageDeviationPu">The largest |V_formulation − V_AC| over buses, or null when the formulation has no voltages.</param>
/// <param name="TransformerNoLoadLossesMw">Transformer no-load (iron) losses, MW.</param>
/// <param name="ShuntLossesMw">Bus shunt and line shunt-conductance losses, MW.</param>
/// <param name="Buses">Every bus's voltage in the slot (in the network's bus order), or null when not kept.</param>
/// <param name="Branches">Every branch's flows and loading in the slot (in the network's branch order), or null when not kept.</param>
public sealed record AcCheckSlot(
    int Slot,
    PowerFlowStatus Status,
    double VmMinPu,
    BusId VmMinBus,
    double VmMaxPu,
    double MaxLoadingPercent,
    double LossesMw,
    double? MaxVoltageDeviationPu,
    double TransformerNoLoadLossesMw,
    double ShuntLossesMw,
    IReadOnlyList<BusResult>? Buses = null,
    IReadOnlyList<BranchResult>? Branches = null)
{
    /// <summary>All active losses, MW: series + transformer no-load + shunt.</summary>
    public double TotalLossesMw => LossesMw + TransformerNoLoadLossesMw + ShuntLossesMw;
}
