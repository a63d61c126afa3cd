namespace Lem.Optimization.Highs;

/// <summary>
/// HiGHS's model status codes (<c>kHighsModelStatus*</c> in <c>highs_c_api.h</c>): the C constants run from 0 to 17 in
/// this order, so the members take their values from their position (<see cref="NotSet"/> = 0, <see cref="Optimal"/> = 7).
/// </summary>
internal enum HighsModelStatus
{
    /// <summary>Not set.</summary>
    NotSet,

    /// <summary>The model could not be loaded.</summary>
    LoadError,

    /// <summary>The model is invalid.</summary>
    ModelError,

    /// <summary>Presolve failed.</summary>
    PresolveError,

    /// <summary>The solver failed.</summary>
    SolveError,

    /// <summary>Postsolve failed.</summary>
    PostsolveError,

    /// <summary>The model has no columns.</summary>
    ModelEmpty,

    /// <summary>Optimal.</summary>
    Optimal,

    /// <summary>Infeasible.</summary>
    Infeasible,

    /// <summary>Unbounded or infeasible (not resolved).</summary>
    UnboundedOrInfeasible,

    /// <summary>Unbounded.</summary>
    Unbounded,

    /// <summary>The objective bound was reached.</summary>
    ObjectiveBound,

    /// <summary>The objective target was reached.</summary>
    ObjectiveTarget,

    /// <summary>The time limit was reached.</summary>
    TimeLimit,

    /// <summary>The iteration limit was reached.</summary>
    IterationLimit,

    /// <summary>Unknown: the solver stopped without a conclusion.</summary>
    Unknown,

    /// <summary>The MIP solution limit was reached.</summary>
    SolutionLimit,

    /// <summary>Interrupted by a callback.</summary>
    Interrupt,
}
