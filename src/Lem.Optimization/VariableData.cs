namespace Lem.Optimization;

/// <summary>The data of one variable: bounds, integrality and name.</summary>
/// <param name="Lower">The lower bound (−∞ for none).</param>
/// <param name="Upper">The upper bound (+∞ for none).</param>
/// <param name="IsInteger">Whether the variable must take integer values (binary when bounds are 0 and 1).</param>
/// <param name="Name">An optional name.</param>
public sealed record VariableData(double Lower, double Upper, bool IsInteger, string? Name);
