namespace Lem.Optimization;

/// <summary>Settings common to all back ends.</summary>
public sealed record SolverOptions
{
    /// <summary>Default settings.</summary>
    public static SolverOptions Default { get; } = new();

    /// <summary>The wall-time limit in seconds.</summary>
    public double TimeLimitSeconds { get; init; } = 600;

    /// <summary>Primal and dual feasibility tolerance (LP/QP) or convergence tolerance (interior point).</summary>
    public double Tolerance { get; init; } = 1e-9;

    /// <summary>Relative optimality gap at which a MIP stops.</summary>
    public double MipGap { get; init; } = 1e-6;

    /// <summary>Whether the solver may print its log.</summary>
    public bool Verbose { get; init; }

    /// <summary>
    /// Whether the solver presolves the model (HiGHS; the others ignore it). Off pays for small LPs solved many times,
    /// such as the MPC prosumers' plans (docs/simulation.md#performance): HiGHS' presolve then costs more than it saves.
    /// </summary>
    public bool Presolve { get; init; } = true;

    /// <summary>
    /// A basis to start the simplex from (HiGHS LPs; the others and models it does not fit ignore it): a warm start
    /// for an LP solved again with other costs or bounds. The optimum is the same; where it is not unique the vertex
    /// found can differ from a cold start's.
    /// </summary>
    public SimplexBasis? StartBasis { get; init; }
}
