namespace Lem.Grid.ThreePhase;

/// <summary>
/// A line or cable in the phase frame (docs/three-phase.md): a π model with the 3×3 series impedance (neutral
/// Kron-reduced) and the total shunt admittance, half at each end.
/// </summary>
public sealed record ThreePhaseLine
{
    /// <summary>The user's id.</summary>
    public required string Id { get; init; }

    /// <summary>The from bus.</summary>
    public required BusId FromBus { get; init; }

    /// <summary>The to bus.</summary>
    public required BusId ToBus { get; init; }

    /// <summary>The total series impedance in Ω (for the whole length, parallel systems included).</summary>
    public required PhaseMatrix SeriesImpedanceOhm { get; init; }

    /// <summary>The total shunt admittance in S (for the whole length), split half and half between the ends.</summary>
    public PhaseMatrix ShuntAdmittanceSiemens { get; init; } = PhaseMatrix.Zero;

    /// <summary>The thermal limit of a phase conductor in A, when known.</summary>
    public double? MaxCurrentA { get; init; }

    /// <summary>False when the from end is open (the line hangs from the to bus only).</summary>
    public bool FromClosed { get; init; } = true;

    /// <summary>False when the to end is open.</summary>
    public bool ToClosed { get; init; } = true;

    /// <summary>False when the line is out of service.</summary>
    public bool InService { get; init; } = true;

    /// <summary>A display name, when the source has one.</summary>
    public string? Name { get; init; }
}
