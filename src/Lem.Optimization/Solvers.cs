using Lem.Optimization.Glop;
using Lem.Optimization.Highs;
using Lem.Optimization.InteriorPoint;
using Lem.Optimization.Ipopt;

namespace Lem.Optimization;

/// <summary>Chooses optimisation back ends: the default one for a model, or one by name.</summary>
public static class Solvers
{
    /// <summary>The names <see cref="ByName"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["highs", "glop", "ipopt", "ipm"];

    /// <summary>
    /// Continuous QPs with more variables than this go to Ipopt: HiGHS's QP solver slows down sharply beyond a few
    /// thousand variables (measured here: 6.5k variables 3.2 s against Ipopt's 0.6 s; 13k 27 s or a failure against 0.8 s).
    /// </summary>
    public const int LargeQpVariables = 4000;

    /// <summary>
    /// The default back end for a model: HiGHS for LPs, small convex QPs and MILPs; Ipopt for models with
    /// second-order cones or nonlinear constraints and for continuous QPs above <see cref="LargeQpVariables"/> variables.
    /// </summary>
    /// <exception cref="SolverCapabilityException">When no back end can solve the model (a mixed-integer QP, or integers with cones or nonlinear constraints).</exception>
    public static ISolver For(OptimizationModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var largeQp = model.HasQuadraticObjective && !model.HasIntegers && model.Variables.Count > LargeQpVariables;
        ISolver solver = model.HasCones || model.HasNonlinearConstraints || largeQp ? new IpoptSolver() : new HighsSolver();
        var reason = solver.CannotSolve(model);
        return reason is null
            ? solver
            : throw new SolverCapabilityException($"No Lem back end solves model '{model.Name}'. {reason}");
    }

    /// <summary>The back end with the given name (<c>highs</c>, <c>glop</c> or <c>ipopt</c>, case-insensitive).</summary>
    /// <exception cref="ArgumentException">When the name is not one of <see cref="Names"/>.</exception>
    public static ISolver ByName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().ToLowerInvariant() switch
        {
            "highs" => new HighsSolver(),
            "glop" => new GlopSolver(),
            "ipopt" => new IpoptSolver(),
            "ipm" => new InteriorPointSolver(),
            _ => throw new ArgumentException($"Unknown solver '{name}'; use one of {string.Join(", ", Names)}.", nameof(name)),
        };
    }
}
