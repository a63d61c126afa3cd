namespace Lem.Markets.Clearing;

/// <summary>How a clearing ended.</summary>
public enum ClearingStatus
{
    /// <summary>An optimisation reached its optimum (or an auction cleared).</summary>
    Optimal,

    /// <summary>An iterative (distributed) clearing met its stopping rule.</summary>
    Converged,

    /// <summary>An iterative clearing stopped at its iteration limit before converging.</summary>
    IterationLimit,

    /// <summary>An iterative clearing's residuals grew.</summary>
    Diverging,

    /// <summary>No schedule meets every constraint.</summary>
    Infeasible,

    /// <summary>Welfare is unbounded (a modelling error).</summary>
    Unbounded,

    /// <summary>The solver or mechanism failed.</summary>
    Error,
}
