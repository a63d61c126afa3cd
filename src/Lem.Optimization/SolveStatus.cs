namespace Lem.Optimization;

/// <summary>How a solve ended. Only <see cref="Optimal"/> (and <see cref="Feasible"/> for a MIP stopped early) carry values.</summary>
public enum SolveStatus
{
    /// <summary>An optimal solution was found.</summary>
    Optimal,

    /// <summary>A feasible but not proven optimal solution was found (limits reached).</summary>
    Feasible,

    /// <summary>The constraints cannot all hold.</summary>
    Infeasible,

    /// <summary>The objective can decrease without bound.</summary>
    Unbounded,

    /// <summary>The solver proved that the model is infeasible or unbounded without saying which.</summary>
    InfeasibleOrUnbounded,

    /// <summary>An iteration or time limit ended the solve without a usable solution.</summary>
    LimitReached,

    /// <summary>The solver failed (numerical trouble, internal error).</summary>
    Error,
}
