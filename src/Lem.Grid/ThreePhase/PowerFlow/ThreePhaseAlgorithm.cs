namespace Lem.Grid.ThreePhase.PowerFlow;

/// <summary>The algorithm of a three-phase power flow (docs/three-phase.md).</summary>
public enum ThreePhaseAlgorithm
{
    /// <summary>Backward/forward sweep on a radial network, Newton–Raphson otherwise.</summary>
    Auto,

    /// <summary>Backward/forward sweep (radial networks only).</summary>
    BackwardForwardSweep,

    /// <summary>Newton–Raphson in current-injection form in the phase frame (radial or meshed).</summary>
    NewtonRaphson,
}
