namespace Lem.Optimization.Ipopt;

/// <summary>
/// Ipopt's <c>ApplicationReturnStatus</c>: how a solve ended (values as in <c>IpReturnCodes_inc.h</c>; the C names
/// have underscores, e.g. <c>Solve_Succeeded</c>, see <see cref="IpoptResult.StatusName"/>).
/// </summary>
public enum IpoptStatus
{
    /// <summary>Converged to the requested tolerance.</summary>
    SolveSucceeded = 0,

    /// <summary>Converged to the acceptable (looser) tolerance.</summary>
    SolvedToAcceptableLevel = 1,

    /// <summary>The restoration phase converged to a point of minimal infeasibility: the constraints look infeasible.</summary>
    InfeasibleProblemDetected = 2,

    /// <summary>The search direction became too small to make progress.</summary>
    SearchDirectionBecomesTooSmall = 3,

    /// <summary>The iterates diverge (the problem is probably unbounded).</summary>
    DivergingIterates = 4,

    /// <summary>The intermediate callback asked Ipopt to stop.</summary>
    UserRequestedStop = 5,

    /// <summary>A feasible point was found (square problems).</summary>
    FeasiblePointFound = 6,

    /// <summary>The iteration limit was reached.</summary>
    MaximumIterationsExceeded = -1,

    /// <summary>The restoration phase failed.</summary>
    RestorationFailed = -2,

    /// <summary>The step computation failed.</summary>
    ErrorInStepComputation = -3,

    /// <summary>The CPU time limit was reached.</summary>
    MaximumCpuTimeExceeded = -4,

    /// <summary>More equality constraints than variables.</summary>
    NotEnoughDegreesOfFreedom = -10,

    /// <summary>The problem definition is invalid.</summary>
    InvalidProblemDefinition = -11,

    /// <summary>An option is invalid.</summary>
    InvalidOption = -12,

    /// <summary>A callback returned NaN or infinity.</summary>
    InvalidNumberDetected = -13,

    /// <summary>An unrecoverable exception inside Ipopt.</summary>
    UnrecoverableException = -100,

    /// <summary>A non-Ipopt exception inside Ipopt.</summary>
    NonIpoptExceptionThrown = -101,

    /// <summary>Ipopt ran out of memory.</summary>
    InsufficientMemory = -102,

    /// <summary>An internal error.</summary>
    InternalError = -199,
}
