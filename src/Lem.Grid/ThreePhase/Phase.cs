namespace Lem.Grid.ThreePhase;

/// <summary>One phase of a three-phase system (docs/three-phase.md). The numeric value is the phase's index 0, 1, 2.</summary>
public enum Phase
{
    /// <summary>Phase a (angle 0° in a balanced set).</summary>
    A = 0,

    /// <summary>Phase b (angle −120° in a balanced set).</summary>
    B = 1,

    /// <summary>Phase c (angle +120° in a balanced set).</summary>
    C = 2,
}
