namespace Lem.Grid.Network;

/// <summary>
/// The nameplate data of a two-winding transformer in pandapower's terms, from which
/// <see cref="TransformerModel.FromNameplate"/> derives the per-unit branch model.
/// </summary>
/// <param name="Id">The transformer id.</param>
/// <param name="HvBus">The bus at the high-voltage side.</param>
/// <param name="LvBus">The bus at the low-voltage side.</param>
/// <param name="SnMva">The rated apparent power in MVA.</param>
/// <param name="VnHvKv">The rated voltage of the HV winding in kV.</param>
/// <param name="VnLvKv">The rated voltage of the LV winding in kV.</param>
/// <param name="VkPercent">The short-circuit voltage in percent.</param>
/// <param name="VkrPercent">The real part of the short-circuit voltage in percent.</param>
/// <param name="PfeKw">The iron losses in kW.</param>
/// <param name="I0Percent">The open-circuit current in percent.</param>
/// <param name="ShiftDegree">The vector-group phase shift in degrees.</param>
public sealed record TransformerNameplate(
    string Id,
    BusId HvBus,
    BusId LvBus,
    double SnMva,
    double VnHvKv,
    double VnLvKv,
    double VkPercent,
    double VkrPercent,
    double PfeKw = 0,
    double I0Percent = 0,
    double ShiftDegree = 0)
{
    /// <summary>The winding carrying the tap changer; null when there is none.</summary>
    public TapSide? TapSide { get; init; }

    /// <summary>The tap position; null when there is no tap changer.</summary>
    public double? TapPos { get; init; }

    /// <summary>The neutral tap position.</summary>
    public double? TapNeutral { get; init; }

    /// <summary>The voltage change per tap step in percent.</summary>
    public double? TapStepPercent { get; init; }

    /// <summary>The phase angle change per tap step in degrees (0 for an in-phase tap changer).</summary>
    public double? TapStepDegree { get; init; }

    /// <summary>Whether the tap changer is an ideal phase shifter.</summary>
    public bool TapPhaseShifter { get; init; }

    /// <summary>The number of identical transformers in parallel.</summary>
    public int Parallel { get; init; } = 1;

    /// <summary>The rating factor applied to <see cref="SnMva"/> for the thermal rating.</summary>
    public double Df { get; init; } = 1.0;
}
