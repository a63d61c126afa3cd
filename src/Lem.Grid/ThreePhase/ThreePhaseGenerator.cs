namespace Lem.Grid.ThreePhase;

/// <summary>
/// A static generator (PV inverter, CHP, battery inverter in discharge) in the phase frame (docs/three-phase.md),
/// production positive. Entries as for <see cref="ThreePhaseLoad"/>: phases a, b, c for wye, branches ab, bc, ca for
/// delta.
/// </summary>
public sealed record ThreePhaseGenerator
{
    /// <summary>The user's id.</summary>
    public required string Id { get; init; }

    /// <summary>The bus.</summary>
    public required BusId Bus { get; init; }

    /// <summary>The phases the generator is connected to.</summary>
    public PhaseConnection Connection { get; init; } = PhaseConnection.Abc;

    /// <summary>Wye (phase–neutral) or delta (phase–phase).</summary>
    public LoadConfiguration Configuration { get; init; } = LoadConfiguration.Wye;

    /// <summary>How the power depends on the voltage.</summary>
    public LoadModel Model { get; init; } = LoadModel.ConstantPower;

    /// <summary>The active power produced per phase (wye) or per phase pair (delta) in kW, three entries.</summary>
    public required IReadOnlyList<double> PowerKw { get; init; }

    /// <summary>The reactive power produced per phase (wye) or per phase pair (delta) in kvar, three entries.</summary>
    public required IReadOnlyList<double> ReactivePowerKvar { get; init; }

    /// <summary>False when the generator is out of service.</summary>
    public bool InService { get; init; } = true;

    /// <summary>A display name, when the source has one.</summary>
    public string? Name { get; init; }
}
