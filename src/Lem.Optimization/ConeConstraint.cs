namespace Lem.Optimization;

/// <summary>A second-order cone constraint of an <see cref="OptimizationModel"/>, identified by its position among the cones.</summary>
/// <param name="Index">The 0-based position of the cone among the model's cones.</param>
public readonly record struct ConeConstraint(int Index);
