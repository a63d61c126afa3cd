namespace Lem.Optimization;

/// <summary>A linear constraint lower ≤ expression ≤ upper of an <see cref="OptimizationModel"/>, identified by its position.</summary>
/// <param name="Index">The 0-based position of the constraint among the model's linear constraints.</param>
public readonly record struct Constraint(int Index);
