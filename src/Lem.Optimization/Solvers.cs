using Lem.Optimization.Glop;
using Lem.Optimization.Highs;
using Lem.Optimization.Ipopt;

namespace Lem.Optimization;

/// <summary>Chooses optimisation back ends: the default one for a model, or one by name.</summary>
public static class Solvers
{
    /// <summary>The names <see cref="ByName"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["highs", "glop", "ipopt"];

    /// <summary>
    /// The default back end for a model: HiGHS for LPs, convex QPs and MILPs; Ipopt for models with second-order
    /// cones or nonlinear constraints.
    /// </summary>
    /// <exception cref="SolverCapabilityException">When no back end can solve the model (a mixed-integer QP, or integers with cones or nonlinear constraints).</exception>
    public static ISolver For(OptimizationModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        ISolver solver = model.HasCones || model.HasNonlinearConstraints ? new IpoptSolver() : new HighsSolver();
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
            _ => throw new ArgumentException($"Unknown solver '{name}'; use one of {string.Join(", ", Names)}.", nameof(name)),
        };
    }
}
