namespace Lem.Domain.Progress;

/// <summary>The phase names the computations of Lem report (docs/architecture.md#progress).</summary>
public static class ProgressPhases
{
    /// <summary>The pool builds its LP or MILP.</summary>
    public const string PoolBuild = "pool: building model";

    /// <summary>The pool solves an LP (the clearing, the re-solve with fixed binaries for the prices, a diagnosis).</summary>
    public const string PoolSolveLp = "pool: solving LP";

    /// <summary>The pool solves the MILP against simultaneous charging.</summary>
    public const string PoolSolveMilp = "pool: solving MILP";

    /// <summary>An ADMM engine's iterations (done = iteration, total = iteration cap; measures: residuals and ρ).</summary>
    public const string Admm = "ADMM";

    /// <summary>The AC power-flow check, one unit per slot.</summary>
    public const string AcCheck = "AC check";

    /// <summary>A power-flow time series, one unit per slot.</summary>
    public const string PowerFlowSeries = "power flow";

    /// <summary>Monte Carlo Shapley permutations.</summary>
    public const string MonteCarlo = "Monte Carlo permutations";

    /// <summary>The measure name of the primal residual ‖r‖.</summary>
    public const string PrimalResidual = "primal_residual";

    /// <summary>The measure name of the dual residual ‖s‖.</summary>
    public const string DualResidual = "dual_residual";

    /// <summary>The measure name of the penalty ρ.</summary>
    public const string Rho = "rho";
}
