namespace Lem.Grid.PowerFlow;

/// <summary>The AC power-flow algorithm.</summary>
public enum PowerFlowAlgorithm
{
    /// <summary>Backward/forward sweep when the network is radial with one slack, Newton-Raphson otherwise.</summary>
    Auto,

    /// <summary>Newton-Raphson in polar form with a sparse Jacobian (any topology).</summary>
    NewtonRaphson,

    /// <summary>Backward/forward sweep (radial networks with one slack only).</summary>
    BackwardForwardSweep,
}
