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

    /// <summary>
    /// The Z-bus fixed point (docs/three-phase.md, "Z-bus fixed point"): the constant admittance matrix is factorised
    /// once and the loads' currents are iterated on the loads' nodes only; for repeated solves (time series).
    /// </summary>
    ZBusFixedPoint,
}
