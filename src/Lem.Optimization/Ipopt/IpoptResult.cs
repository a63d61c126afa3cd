namespace Lem.Optimization.Ipopt;

/// <summary>
/// The outcome of <see cref="IpoptRunner.Solve"/>: Ipopt's status and final iterate with its multipliers, in Ipopt's
/// own sign convention (Lagrangian f + λᵀg − z_Lᵀ(x − x_L) + z_Uᵀ(x − x_U): an active upper-bounded constraint has
/// λ ≥ 0, an active lower-bounded one λ ≤ 0; z_L, z_U ≥ 0).
/// </summary>
public sealed record IpoptResult
{
    /// <summary>Ipopt's return status.</summary>
    public required IpoptStatus Status { get; init; }

    /// <summary>Whether Ipopt converged (<see cref="IpoptStatus.SolveSucceeded"/> or <see cref="IpoptStatus.SolvedToAcceptableLevel"/>) and no callback failed.</summary>
    public bool Converged => CallbackException is null && Status is IpoptStatus.SolveSucceeded or IpoptStatus.SolvedToAcceptableLevel;

    /// <summary>The status as Ipopt's C header spells it (<c>Solve_Succeeded</c>, <c>Infeasible_Problem_Detected</c>, ...).</summary>
    public string StatusName => NameOf(Status);

    /// <summary>A sentence on the outcome: the status name, and the callback's exception message when one threw.</summary>
    public string? Message { get; init; }

    /// <summary>The exception an evaluation callback threw (the solve was stopped), or null.</summary>
    public Exception? CallbackException { get; init; }

    /// <summary>The final point x.</summary>
    public IReadOnlyList<double> X { get; init; } = [];

    /// <summary>The objective f(x) at the final point.</summary>
    public double Objective { get; init; }

    /// <summary>The constraint values g(x) at the final point.</summary>
    public IReadOnlyList<double> ConstraintValues { get; init; } = [];

    /// <summary>The constraint multipliers λ (Ipopt's sign convention).</summary>
    public IReadOnlyList<double> ConstraintMultipliers { get; init; } = [];

    /// <summary>The multipliers z_L ≥ 0 of the lower variable bounds.</summary>
    public IReadOnlyList<double> LowerBoundMultipliers { get; init; } = [];

    /// <summary>The multipliers z_U ≥ 0 of the upper variable bounds.</summary>
    public IReadOnlyList<double> UpperBoundMultipliers { get; init; } = [];

    /// <summary>The number of interior-point iterations Ipopt reported.</summary>
    public int Iterations { get; init; }

    /// <summary>Wall time of the solve in seconds (waiting for the process-wide lock excluded).</summary>
    public double Seconds { get; init; }

    /// <summary>Ipopt's C name of a status.</summary>
    public static string NameOf(IpoptStatus status) => status switch
    {
        IpoptStatus.SolveSucceeded => "Solve_Succeeded",
        IpoptStatus.SolvedToAcceptableLevel => "Solved_To_Acceptable_Level",
        IpoptStatus.InfeasibleProblemDetected => "Infeasible_Problem_Detected",
        IpoptStatus.SearchDirectionBecomesTooSmall => "Search_Direction_Becomes_Too_Small",
        IpoptStatus.DivergingIterates => "Diverging_Iterates",
        IpoptStatus.UserRequestedStop => "User_Requested_Stop",
        IpoptStatus.FeasiblePointFound => "Feasible_Point_Found",
        IpoptStatus.MaximumIterationsExceeded => "Maximum_Iterations_Exceeded",
        IpoptStatus.RestorationFailed => "Restoration_Failed",
        IpoptStatus.ErrorInStepComputation => "Error_In_Step_Computation",
        IpoptStatus.MaximumCpuTimeExceeded => "Maximum_CpuTime_Exceeded",
        IpoptStatus.NotEnoughDegreesOfFreedom => "Not_Enough_Degrees_Of_Freedom",
        IpoptStatus.InvalidProblemDefinition => "Invalid_Problem_Definition",
        IpoptStatus.InvalidOption => "Invalid_Option",
        IpoptStatus.InvalidNumberDetected => "Invalid_Number_Detected",
        IpoptStatus.UnrecoverableException => "Unrecoverable_Exception",
        IpoptStatus.NonIpoptExceptionThrown => "NonIpopt_Exception_Thrown",
        IpoptStatus.InsufficientMemory => "Insufficient_Memory",
        IpoptStatus.InternalError => "Internal_Error",
        _ => $"status {(int)status}",
    };
}
