namespace Lem.Grid.Network;

/// <summary>
/// A two-winding transformer in MATPOWER's branch model: an ideal transformer with ratio
/// <see cref="TapRatio"/> and phase shift <see cref="ShiftDegree"/> at the HV (from) side, then the series
/// impedance referred to the LV (to) side; the shunt admittance (<see cref="Branch.GPu"/> + j<see cref="Branch.BPu"/>) is split
/// half and half over the two ends (the from end divided by the squared tap ratio). Per-unit values are on
/// <see cref="GridNetwork.BaseMva"/> and the buses' nominal voltages.
/// pandapower's default T model is stored here as its exact pi equivalent (pandapower's own <c>_wye_delta</c>).
/// </summary>
public sealed record Transformer : Branch
{
    /// <summary>The bus at the high-voltage (from, tap) side.</summary>
    public required BusId HvBus { get; init; }

    /// <summary>The bus at the low-voltage (to) side.</summary>
    public required BusId LvBus { get; init; }

    /// <summary>The off-nominal turns ratio at the from side (MATPOWER TAP; 1 = nominal).</summary>
    public double TapRatio { get; init; } = 1.0;

    /// <summary>The phase shift angle in degrees (MATPOWER SHIFT; positive = from-bus voltage leads).</summary>
    public double ShiftDegree { get; init; }

    /// <summary>The nameplate data the per-unit values were derived from, when the source gives it (pandapower).</summary>
    public TransformerNameplate? Nameplate { get; init; }
}
