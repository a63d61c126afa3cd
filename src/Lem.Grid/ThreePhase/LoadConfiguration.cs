namespace Lem.Grid.ThreePhase;

/// <summary>How a three-phase element's per-phase powers are connected (docs/three-phase.md).</summary>
public enum LoadConfiguration
{
    /// <summary>Phase–neutral: the powers are those of phases a, b, c.</summary>
    Wye,

    /// <summary>Phase–phase: the powers are those of the branches ab, bc, ca.</summary>
    Delta,
}
