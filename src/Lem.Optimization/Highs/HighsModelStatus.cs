namespace Lem.Optimization.Highs;

/// <summary>HiGHS's model status codes (<c>kHighsModelStatus*</c> in <c>highs_c_api.h</c>).</summary>
internal enum HighsModelStatus
{
    /// <summary>Not set.</summary>
    NotSet = 0,

    /// <summary>The model could not be loaded.</summary>
    LoadError = 1,

    /// <summary>The model is invalid.</summary>
    ModelError = 2,

    /// <summary>Presolve failed.</summary>
    PresolveError = 3,

    /// <summary>The solver failed.</summary>
    SolveError = 4,

    /// <summary>Postsolve failed.</summary>
    PostsolveError = 5,

    /// <summary>The model has no columns.</summary>
    ModelEmpty = 6,

    /// <summary>Optimal.</summary>
    Optimal = 7,

    /// <summary>Infeasible.</summary>
    Infeasible = 8,

    /// <summary>Unbounded or infeasible (not resolved).</summary>
    UnboundedOrInfeasible = 9,

    /// <summary>Unbounded.</summary>
    Unbounded = 10,

    /// <summary>The objective bound was reached.</summary>
    ObjectiveBound = 11,

    /// <summary>The objective target was reached.</summary>
    ObjectiveTarget = 12,

    /// <summary>The time limit was reached.</summary>
    TimeLimit = 13,

    /// <summary>The iteration limit was reached.</summary>
    IterationLimit = 14,

    /// <summary>Unknown: the solver stopped without a conclusion.</summary>
    Unknown = 15,

    /// <summary>The MIP solution limit was reached.</summary>
    SolutionLimit = 16,

    /// <summary>Interrupted by a callback.</summary>
    Interrupt = 17,
}
