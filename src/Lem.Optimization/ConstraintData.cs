namespace Lem.Optimization;

/// <summary>The data of one linear constraint: lower ≤ expression ≤ upper (equal bounds make an equality).</summary>
/// <param name="Expression">The linear expression; its constant is moved to the bounds by back ends.</param>
/// <param name="Lower">The lower bound (−∞ for none).</param>
/// <param name="Upper">The upper bound (+∞ for none).</param>
/// <param name="Name">An optional name for messages and model files.</param>
public sealed record ConstraintData(LinearExpression Expression, double Lower, double Upper, string? Name)
{
    /// <summary>Whether the constraint is an equality.</summary>
    public bool IsEquality => Lower == Upper;
}
