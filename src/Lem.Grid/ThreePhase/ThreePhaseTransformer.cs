namespace Lem.Grid.ThreePhase;

/// <summary>
/// A two-winding three-phase transformer from its nameplate (docs/three-phase.md): rated power and voltages,
/// short-circuit voltage and its resistive part in the positive and zero sequence, no-load losses, the vector group
/// (winding connections and clock number) and the tap changer.
/// </summary>
public sealed record ThreePhaseTransformer
{
    /// <summary>The user's id.</summary>
    public required string Id { get; init; }

    /// <summary>The high-voltage (primary) bus.</summary>
    public required BusId HvBus { get; init; }

    /// <summary>The low-voltage (secondary) bus.</summary>
    public required BusId LvBus { get; init; }

    /// <summary>The rated apparent power in kVA.</summary>
    public required double RatedPowerKva { get; init; }

    /// <summary>The rated line-to-line voltage of the HV winding in kV.</summary>
    public required double HvVoltageKv { get; init; }

    /// <summary>The rated line-to-line voltage of the LV winding in kV.</summary>
    public required double LvVoltageKv { get; init; }

    /// <summary>The positive-sequence short-circuit voltage in percent of the rated voltage.</summary>
    public required double ShortCircuitVoltagePercent { get; init; }

    /// <summary>The resistive part of the positive-sequence short-circuit voltage in percent (copper losses).</summary>
    public double ShortCircuitResistancePercent { get; init; }

    /// <summary>The zero-sequence short-circuit voltage in percent; null: equal to the positive sequence.</summary>
    public double? ZeroSequenceVoltagePercent { get; init; }

    /// <summary>The resistive part of the zero-sequence short-circuit voltage in percent; null: as the positive sequence.</summary>
    public double? ZeroSequenceResistancePercent { get; init; }

    /// <summary>The no-load current in percent of the rated current.</summary>
    public double NoLoadCurrentPercent { get; init; }

    /// <summary>
    /// The zero-sequence no-load current in percent of the rated current (a wye–grounded-wye transformer's zero-sequence
    /// magnetising path on the grounded side); null: no zero-sequence magnetising path.
    /// </summary>
    public double? ZeroSequenceNoLoadCurrentPercent { get; init; }

    /// <summary>
    /// The zero-sequence magnetising impedance as a multiple of the zero-sequence short-circuit impedance's magnitude,
    /// |Z_m0| = ratio·|Z_k0| (pandapower's <c>mag0_percent</c>, used by pandapower as this ratio); with it the zero
    /// sequence of a T-model transformer is the T network Z_k0 split by <see cref="ZeroSequenceHvShare"/> around Z_m0
    /// (docs/three-phase.md, "Transformers"). Null: no zero-sequence magnetising branch of this kind.
    /// </summary>
    public double? ZeroSequenceMagnetisingRatio { get; init; }

    /// <summary>R/X of the zero-sequence magnetising impedance (pandapower's <c>mag0_rx</c>); 0: purely reactive.</summary>
    public double ZeroSequenceMagnetisingRx { get; init; }

    /// <summary>The share of Z_k0 on the HV side of the zero-sequence T network (pandapower's <c>si0_hv_partial</c>).</summary>
    public double ZeroSequenceHvShare { get; init; } = 0.5;

    /// <summary>The no-load (iron) losses in kW.</summary>
    public double NoLoadLossKw { get; init; }

    /// <summary>The HV winding connection.</summary>
    public WindingConnection HvWinding { get; init; } = WindingConnection.Delta;

    /// <summary>The LV winding connection.</summary>
    public WindingConnection LvWinding { get; init; } = WindingConnection.WyeGrounded;

    /// <summary>The clock number 0–11 of the vector group: the LV side lags the HV side by 30° × this.</summary>
    public int ClockNumber { get; init; } = 5;

    /// <summary>True when the tap changer is on the HV side; false for the LV side.</summary>
    public bool TapOnHvSide { get; init; } = true;

    /// <summary>The tap position.</summary>
    public int TapPosition { get; init; }

    /// <summary>The neutral tap position (ratio 1).</summary>
    public int TapNeutral { get; init; }

    /// <summary>The voltage change per tap step in percent.</summary>
    public double TapStepPercent { get; init; }

    /// <summary>
    /// True for the T model (magnetising branch between two halves of the short-circuit impedance; pandapower's
    /// default), false for the π model (magnetising admittance split half and half between the terminals; power-grid-model).
    /// </summary>
    public bool TModel { get; init; }

    /// <summary>False when the transformer is out of service.</summary>
    public bool InService { get; init; } = true;

    /// <summary>A display name, when the source has one.</summary>
    public string? Name { get; init; }

    /// <summary>The vector group as written on a nameplate, e.g. <c>Dyn5</c> or <c>YNyn0</c>.</summary>
    public string VectorGroup => $"{Letters(HvWinding, upper: true)}{Letters(LvWinding, upper: false)}{ClockNumber}";

    private static string Letters(WindingConnection connection, bool upper)
    {
        var letters = connection switch
        {
            WindingConnection.Wye => "y",
            WindingConnection.WyeGrounded => "yn",
            WindingConnection.Delta => "d",
            WindingConnection.Zigzag => "z",
            _ => "zn",
        };
        return upper ? letters.ToUpperInvariant() : letters;
    }
}
