namespace Lem.Grid.ThreePhase;

/// <summary>
/// A load in the phase frame (docs/three-phase.md), consumption positive. For a wye load the three entries are
/// the powers of phases a, b, c; for a delta load those of the branches ab, bc, ca. Phases the load is not connected to
/// (<see cref="Connection"/>) carry zero.
/// </summary>
public sealed record ThreePhaseLoad
{
    /// <summary>The user's id.</summary>
    public required string Id { get; init; }

    /// <summary>The bus.</summary>
    public required BusId Bus { get; init; }

    /// <summary>The phases the load is connected to.</summary>
    public PhaseConnection Connection { get; init; } = PhaseConnection.Abc;

    /// <summary>Wye (phase–neutral) or delta (phase–phase).</summary>
    public LoadConfiguration Configuration { get; init; } = LoadConfiguration.Wye;

    /// <summary>How the power depends on the voltage.</summary>
    public LoadModel Model { get; init; } = LoadModel.ConstantPower;

    /// <summary>The active power per phase (wye) or per phase pair (delta) in kW, three entries.</summary>
    public required IReadOnlyList<double> PowerKw { get; init; }

    /// <summary>The reactive power per phase (wye) or per phase pair (delta) in kvar, three entries.</summary>
    public required IReadOnlyList<double> ReactivePowerKvar { get; init; }

    /// <summary>False when the load is out of service.</summary>
    public bool InService { get; init; } = true;

    /// <summary>A display name, when the source has one.</summary>
    public string? Name { get; init; }
}
