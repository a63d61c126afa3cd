namespace Lem.Grid.Network;

/// <summary>
/// A two-winding transformer in MATPOWER's branch model: an ideal transformer with ratio
/// <see cref="TapRatio"/> and phase shift <see cref="ShiftDegree"/> at the HV (from) side, then the series
/// impedance referred to the LV (to) side; the shunt admittance (<see cref="GPu"/> + j<see cref="BPu"/>) is split
/// half and half over the two ends (the from end divided by the squared tap ratio). Per-unit values are on
/// <see cref="GridNetwork.BaseMva"/> and the buses' nominal voltages.
/// pandapower's default T model is stored here as its exact pi equivalent (pandapower's own <c>_wye_delta</c>).
/// </summary>
public sealed record Transformer
{
    /// <summary>The user's id (MATPOWER branch row number, 1-based, or pandapower trafo index).</summary>
    public required string Id { get; init; }

    /// <summary>The bus at the high-voltage (from, tap) side.</summary>
    public required BusId HvBus { get; init; }

    /// <summary>The bus at the low-voltage (to) side.</summary>
    public required BusId LvBus { get; init; }

    /// <summary>The series resistance in per unit.</summary>
    public required double RPu { get; init; }

    /// <summary>The series reactance in per unit.</summary>
    public required double XPu { get; init; }

    /// <summary>The total magnetising conductance in per unit (iron losses).</summary>
    public double GPu { get; init; }

    /// <summary>The total magnetising susceptance in per unit (negative when inductive).</summary>
    public double BPu { get; init; }

    /// <summary>The off-nominal turns ratio at the from side (MATPOWER TAP; 1 = nominal).</summary>
    public double TapRatio { get; init; } = 1.0;

    /// <summary>The phase shift angle in degrees (MATPOWER SHIFT; positive = from-bus voltage leads).</summary>
    public double ShiftDegree { get; init; }

    /// <summary>The thermal rating in MVA; null when unlimited.</summary>
    public double? RatingMva { get; init; }

    /// <summary>Whether the transformer is in service.</summary>
    public bool InService { get; init; } = true;

    /// <summary>The transformer name, when the source gives one.</summary>
    public string? Name { get; init; }

    /// <summary>The rated apparent power in MVA, when known.</summary>
    public double? SnMva { get; init; }

    /// <summary>The rated voltage of the HV winding in kV, when known.</summary>
    public double? VnHvKv { get; init; }

    /// <summary>The rated voltage of the LV winding in kV, when known.</summary>
    public double? VnLvKv { get; init; }

    /// <summary>The short-circuit voltage in percent of rated voltage, when known.</summary>
    public double? VkPercent { get; init; }

    /// <summary>The real part of the short-circuit voltage in percent, when known.</summary>
    public double? VkrPercent { get; init; }

    /// <summary>The iron losses in kW, when known.</summary>
    public double? PfeKw { get; init; }

    /// <summary>The open-circuit current in percent of rated current, when known.</summary>
    public double? I0Percent { get; init; }

    /// <summary>The tap position, when known.</summary>
    public double? TapPos { get; init; }

    /// <summary>The neutral tap position, when known.</summary>
    public double? TapNeutral { get; init; }

    /// <summary>The voltage change per tap step in percent, when known.</summary>
    public double? TapStepPercent { get; init; }

    /// <summary>The winding carrying the tap changer, when known.</summary>
    public TapSide? TapSide { get; init; }

    /// <summary>The number of identical transformers in parallel (already included in the per-unit values).</summary>
    public int Parallel { get; init; } = 1;
}
