namespace Lem.Optimization.InteriorPoint;

/// <summary>
/// The interior point QP back end as an <see cref="ISolver"/> ("ipm"): continuous models with linear rows and a
/// separable (diagonal) convex quadratic objective. Built for many small structured QPs (distributed agents'
/// local problems); for one-off LPs and MILPs HiGHS remains the default.
/// </summary>
public sealed class InteriorPointSolver : ISolver
{
    /// <summary>The back end's name.</summary>
    public const string SolverName = "ipm";

    /// <inheritdoc/>
    public string Name => SolverName;

    /// <inheritdoc/>
    public string? CannotSolve(OptimizationModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.HasIntegers)
        {
            return $"{SolverName} cannot solve model '{model.Name}': it has integer variables; use HiGHS.";
        }

        if (model.QuadraticObjective.Any(t => t.A != t.B))
        {
            return $"{SolverName} cannot solve model '{model.Name}': its quadratic objective has cross terms; the interior point back end takes a diagonal Hessian only.";
        }

        return Capabilities.ConesOrNonlinear(SolverName, model);
    }

    /// <inheritdoc/>
    public Solution Solve(OptimizationModel model, SolverOptions? options = null)
    {
        Capabilities.ThrowIfCannotSolve(this, model);

        var (linear, quadratic) = Objective(model);
        var solution = new InteriorPointQp(model).Solve(linear, quadratic, options);
        return solution.HasValues ? solution with { Objective = solution.Objective + model.Objective.Constant } : solution;
    }

    /// <summary>The linear coefficients and the Hessian diagonal (½Σq_j x_j²) of a model's objective.</summary>
    /// <exception cref="ArgumentException">When the quadratic objective has cross terms.</exception>
    public static (double[] Linear, double[] QuadraticDiagonal) Objective(OptimizationModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.QuadraticObjective.Any(t => t.A != t.B))
        {
            throw new ArgumentException($"Model '{model.Name}' has quadratic cross terms; the Hessian is not diagonal.", nameof(model));
        }

        var n = model.Variables.Count;
        var linear = new double[n];
        var quadratic = new double[n];
        var objective = model.Objective;
        for (var k = 0; k < objective.Count; k++)
        {
            linear[objective.Indices[k]] += objective.Coefficients[k];
        }

        foreach (var t in model.QuadraticObjective)
        {
            quadratic[t.A.Index] += 2.0 * t.Coefficient;
        }

        return (linear, quadratic);
    }
}
