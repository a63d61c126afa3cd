namespace Lem.Grid.ThreePhase;

/// <summary>
/// The slack of a three-phase network (docs/three-phase.md): a balanced voltage set V(1, α, α²) at its bus,
/// optionally behind a short-circuit impedance in the sequences <see cref="ImpedanceModel"/> names.
/// </summary>
public sealed record ThreePhaseSource
{
    /// <summary>The user's id.</summary>
    public required string Id { get; init; }

    /// <summary>The bus the source feeds.</summary>
    public required BusId Bus { get; init; }

    /// <summary>The voltage magnitude in pu of the bus's phase-to-neutral base.</summary>
    public double VoltagePu { get; init; } = 1.0;

    /// <summary>The angle of phase a in degrees.</summary>
    public double AngleDegree { get; init; }

    /// <summary>Where the short-circuit impedance acts.</summary>
    public SourceImpedanceModel ImpedanceModel { get; init; } = SourceImpedanceModel.Ideal;

    /// <summary>The three-phase short-circuit power in MVA; null for an ideal source.</summary>
    public double? ShortCircuitPowerMva { get; init; }

    /// <summary>The R/X ratio of the positive-sequence short-circuit impedance.</summary>
    public double RxRatio { get; init; } = 0.1;

    /// <summary>The ratio |Z0| / |Z1| of the short-circuit impedances (PGM z01_ratio; pandapower x0x_max).</summary>
    public double ZeroToPositiveRatio { get; init; } = 1.0;

    /// <summary>The R0/X0 ratio of the zero-sequence impedance; null: as <see cref="RxRatio"/>.</summary>
    public double? ZeroSequenceRxRatio { get; init; }

    /// <summary>The voltage factor c of the short-circuit impedance |Z1| = c · V_LL² / S_sc (IEC 60909; pandapower uses 1.1 for s_sc_max_mva); 1 for PGM.</summary>
    public double ShortCircuitVoltageFactor { get; init; } = 1.0;

    /// <summary>False when the source is out of service.</summary>
    public bool InService { get; init; } = true;
}
