namespace Lem.Optimization;

/// <summary>The data of one nonlinear constraint lower ≤ f(x) ≤ upper.</summary>
/// <param name="Function">The function.</param>
/// <param name="Lower">The lower bound (−∞ for none).</param>
/// <param name="Upper">The upper bound (+∞ for none).</param>
/// <param name="Name">An optional name.</param>
public sealed record NonlinearConstraintData(INonlinearFunction Function, double Lower, double Upper, string? Name);
