namespace Lem.Optimization;

/// <summary>A nonlinear constraint lower ≤ f(x) ≤ upper, identified by its position among the nonlinear constraints.</summary>
/// <param name="Index">The 0-based position.</param>
public readonly record struct NonlinearConstraint(int Index);
