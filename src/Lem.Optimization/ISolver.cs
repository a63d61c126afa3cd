namespace Lem.Optimization;

/// <summary>A back end that solves <see cref="OptimizationModel"/>s.</summary>
/// <remarks>
/// A back end that cannot represent a model (a quadratic objective for an LP-only solver, cones for a QP solver)
/// throws <see cref="SolverCapabilityException"/>; it never drops terms silently.
/// </remarks>
public interface ISolver
{
    /// <summary>The back end's name (<c>highs</c>, <c>glop</c>, <c>ipopt</c>).</summary>
    string Name { get; }

    /// <summary>Returns why this back end cannot solve the model, or null when it can.</summary>
    string? CannotSolve(OptimizationModel model);

    /// <summary>Solves the model.</summary>
    Solution Solve(OptimizationModel model, SolverOptions? options = null);
}
