namespace Lem.Grid.ThreePhase;

/// <summary>A bus of a three-phase network (docs/three-phase.md).</summary>
public sealed record ThreePhaseBus
{
    /// <summary>The user's id (pandapower bus index, PGM node id, IEEE feeder bus name).</summary>
    public required BusId Id { get; init; }

    /// <summary>A display name, when the source has one.</summary>
    public string? Name { get; init; }

    /// <summary>The nominal line-to-line voltage in kV; the per-unit base of a phase voltage is this / √3.</summary>
    public required double NominalVoltageKv { get; init; }

    /// <summary>The lower limit of every phase voltage magnitude in pu (of the phase-to-neutral base).</summary>
    public double VoltageMinPu { get; init; } = 0.9;

    /// <summary>The upper limit of every phase voltage magnitude in pu (of the phase-to-neutral base).</summary>
    public double VoltageMaxPu { get; init; } = 1.1;

    /// <summary>False when the bus is out of service.</summary>
    public bool InService { get; init; } = true;
}
