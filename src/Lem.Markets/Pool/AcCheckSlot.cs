using Lem.Grid.PowerFlow;

namespace Lem.Markets.Pool;

/// <summary>The AC power-flow check of one slot.</summary>
/// <param name="Slot">The slot index.</param>
/// <param name="Status">How the power flow ended.</param>
/// <param name="VmMinPu">The lowest voltage.</param>
/// <param name="VmMinBus">Where it is.</param>
/// <param name="VmMaxPu">The highest voltage.</param>
/// <param name="MaxLoadingPercent">The highest branch loading.</param>
/// <param name="LossesMw">Series losses.</param>
/// <param name="MaxVoltageDeviationPu">The largest |V_formulation − V_AC| over buses, or null when the formulation has no voltages.</param>
public sealed record AcCheckSlot(int Slot, PowerFlowStatus Status, double VmMinPu, BusId VmMinBus, double VmMaxPu, double MaxLoadingPercent, double LossesMw, double? MaxVoltageDeviationPu);
