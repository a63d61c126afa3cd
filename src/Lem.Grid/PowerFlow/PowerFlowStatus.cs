namespace Lem.Grid.PowerFlow;

/// <summary>How a power-flow solve ended. Only <see cref="Converged"/> gives usable voltages.</summary>
public enum PowerFlowStatus
{
    /// <summary>The mismatch fell below the tolerance.</summary>
    Converged,

    /// <summary>
    /// The iteration limit was reached before the tolerance. Newton-Raphson usually ends here on an infeasible loading
    /// (voltage collapse): its iterates oscillate rather than blow up.
    /// </summary>
    IterationLimit,

    /// <summary>The iterates grew without bound or became NaN (the sweep reports an infeasible loading so).</summary>
    Diverged,

    /// <summary>The Jacobian was singular (for example an island without a slack).</summary>
    Singular,

    /// <summary>The algorithm cannot handle this network (a sweep on a meshed grid or with several slacks).</summary>
    NotApplicable,
}
