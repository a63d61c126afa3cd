namespace Lem.Grid.ThreePhase;

/// <summary>
/// The phases a load, generator, storage or EV charger is connected to (docs/three-phase.md): one phase
/// (phase–neutral for wye), two phases (phase–phase, e.g. a 400 V single-phase appliance between a and b), or all three.
/// </summary>
public enum PhaseConnection
{
    /// <summary>Phase a only.</summary>
    A,

    /// <summary>Phase b only.</summary>
    B,

    /// <summary>Phase c only.</summary>
    C,

    /// <summary>Between phases a and b.</summary>
    AB,

    /// <summary>Between phases b and c.</summary>
    BC,

    /// <summary>Between phases c and a.</summary>
    CA,

    /// <summary>All three phases.</summary>
    Abc,
}
