namespace Lem.Optimization;

/// <summary>Reasons, worded once, why an LP/QP back end cannot solve a model.</summary>
internal static class Capabilities
{
    /// <summary>The argument check every back end's <see cref="ISolver.Solve"/> starts with.</summary>
    /// <exception cref="ArgumentNullException">When <paramref name="model"/> is null.</exception>
    /// <exception cref="SolverCapabilityException">When <paramref name="solver"/> cannot solve the model (its <see cref="ISolver.CannotSolve"/> reason).</exception>
    public static void ThrowIfCannotSolve(ISolver solver, OptimizationModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (solver.CannotSolve(model) is { } reason)
        {
            throw new SolverCapabilityException(reason);
        }
    }

    /// <summary>The reason a back end without cone or nonlinear support cannot solve the model, or null when it has neither.</summary>
    public static string? ConesOrNonlinear(string solver, OptimizationModel model)
    {
        if (model.HasCones)
        {
            return $"{solver} cannot solve model '{model.Name}': it has {model.Cones.Count} second-order cone(s); use the Ipopt back end.";
        }

        return model.HasNonlinearConstraints
            ? $"{solver} cannot solve model '{model.Name}': it has {model.NonlinearConstraints.Count} nonlinear constraint(s); use the Ipopt back end."
            : null;
    }
}
