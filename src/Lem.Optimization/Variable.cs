namespace Lem.Optimization;

/// <summary>A decision variable of an <see cref="OptimizationModel"/>, identified by its position.</summary>
/// <param name="Index">The 0-based position of the variable in its model.</param>
public readonly record struct Variable(int Index)
{
    /// <summary>The expression 1·x.</summary>
    public static implicit operator LinearExpression(Variable x) => new LinearExpression().Add(x, 1.0);

    /// <summary>c·x.</summary>
    public static LinearExpression operator *(double c, Variable x) => new LinearExpression().Add(x, c);

    /// <summary>x·c.</summary>
    public static LinearExpression operator *(Variable x, double c) => new LinearExpression().Add(x, c);

    /// <summary>x + y.</summary>
    public static LinearExpression operator +(Variable x, Variable y) => new LinearExpression().Add(x, 1.0).Add(y, 1.0);

    /// <summary>x − y.</summary>
    public static LinearExpression operator -(Variable x, Variable y) => new LinearExpression().Add(x, 1.0).Add(y, -1.0);

    /// <summary>−x.</summary>
    public static LinearExpression operator -(Variable x) => new LinearExpression().Add(x, -1.0);
}
