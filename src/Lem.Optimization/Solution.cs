namespace Lem.Optimization;

/// <summary>The result of a solve: status, objective, primal values and duals normalised as <see cref="OptimizationModel"/> describes.</summary>
public sealed record Solution
{
    /// <summary>The final simplex basis (HiGHS LPs solved to optimality; null otherwise), to warm-start a later solve (<see cref="SolverOptions.StartBasis"/>).</summary>
    public SimplexBasis? Basis { get; init; }

    /// <summary>How the solve ended.</summary>
    public required SolveStatus Status { get; init; }

    /// <summary>Whether values are available (optimal or feasible).</summary>
    public bool HasValues => Status is SolveStatus.Optimal or SolveStatus.Feasible;

    /// <summary>The solver's own words on the outcome.</summary>
    public string? Message { get; init; }

    /// <summary>The back end that solved it.</summary>
    public required string SolverName { get; init; }

    /// <summary>The objective value (including the constant).</summary>
    public double Objective { get; init; }

    /// <summary>The value of each variable.</summary>
    public IReadOnlyList<double> Values { get; init; } = [];

    /// <summary>The dual of each linear constraint: ∂(optimal objective)/∂(active bound); empty for MIPs.</summary>
    public IReadOnlyList<double> Duals { get; init; } = [];

    /// <summary>The reduced cost of each variable: ∂(optimal objective)/∂(active variable bound).</summary>
    public IReadOnlyList<double> ReducedCosts { get; init; } = [];

    /// <summary>The dual of each nonlinear constraint, with the same normalisation as <see cref="Duals"/>.</summary>
    public IReadOnlyList<double> NonlinearDuals { get; init; } = [];

    /// <summary>Iterations (simplex, barrier or interior-point) the solver reported.</summary>
    public int Iterations { get; init; }

    /// <summary>Wall time of the solve in seconds.</summary>
    public double Seconds { get; init; }

    /// <summary>The value of a variable.</summary>
    public double Value(Variable x) => Values[x.Index];

    /// <summary>The value of an expression.</summary>
    public double Value(LinearExpression e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var v = e.Constant;
        for (var i = 0; i < e.Count; i++)
        {
            v += e.Coefficients[i] * Values[e.Indices[i]];
        }

        return v;
    }

    /// <summary>The dual of a linear constraint.</summary>
    public double Dual(Constraint c) => Duals[c.Index];

    /// <summary>The dual of a nonlinear constraint.</summary>
    public double Dual(NonlinearConstraint c) => NonlinearDuals[c.Index];
}
