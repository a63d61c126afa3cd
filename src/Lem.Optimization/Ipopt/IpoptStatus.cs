namespace Lem.Optimization.Ipopt;

/// <summary>
/// Ipopt's <c>ApplicationReturnStatus</c>: how a solve ended (values as in <c>IpReturnCodes_inc.h</c>; the C names
/// have underscores, e.g. <c>Solve_Succeeded</c>, see <see cref="IpoptResult.StatusName"/>).
/// </summary>
/// <remarks>
/// Declared in ascending order of the C values: each run of consecutive codes (-199; -102 to -100; -13 to -10; -4 to 6)
/// names its first value and the members after it count up from there.
/// </remarks>
public enum IpoptStatus
{
    /// <summary>An internal error.</summary>
    InternalError = -199,

    /// <summary>Ipopt ran out of memory.</summary>
    InsufficientMemory = -102,

    /// <summary>A non-Ipopt exception inside Ipopt.</summary>
    NonIpoptExceptionThrown,

    /// <summary>An unrecoverable exception inside Ipopt.</summary>
    UnrecoverableException,

    /// <summary>A callback returned NaN or infinity.</summary>
    InvalidNumberDetected = -13,

    /// <summary>An option is invalid.</summary>
    InvalidOption,

    /// <summary>The problem definition is invalid.</summary>
    InvalidProblemDefinition,

    /// <summary>More equality constraints than variables.</summary>
    NotEnoughDegreesOfFreedom,

    /// <summary>The CPU time limit was reached.</summary>
    MaximumCpuTimeExceeded = -4,

    /// <summary>The step computation failed.</summary>
    ErrorInStepComputation,

    /// <summary>The restoration phase failed.</summary>
    RestorationFailed,

    /// <summary>The iteration limit was reached.</summary>
    MaximumIterationsExceeded,

    /// <summary>Converged to the requested tolerance.</summary>
    SolveSucceeded,

    /// <summary>Converged to the acceptable (looser) tolerance.</summary>
    SolvedToAcceptableLevel,

    /// <summary>The restoration phase converged to a point of minimal infeasibility: the constraints look infeasible.</summary>
    InfeasibleProblemDetected,

    /// <summary>The search direction became too small to make progress.</summary>
    SearchDirectionBecomesTooSmall,

    /// <summary>The iterates diverge (the problem is probably unbounded).</summary>
    DivergingIterates,

    /// <summary>The intermediate callback asked Ipopt to stop.</summary>
    UserRequestedStop,

    /// <summary>A feasible point was found (square problems).</summary>
    FeasiblePointFound,
}
