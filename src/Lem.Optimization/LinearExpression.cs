namespace Lem.Optimization;

/// <summary>
/// A linear expression Σ cᵢ·xᵢ + constant, built incrementally. Repeated variables are allowed; back ends sum them.
/// Mutable: <see cref="Add(Variable, double)"/> changes the expression and returns it for chaining.
/// </summary>
public sealed class LinearExpression
{
    private readonly List<int> _indices;
    private readonly List<double> _coefficients;

    /// <summary>Creates the empty expression (value 0).</summary>
    public LinearExpression()
        : this(4)
    {
    }

    /// <summary>Creates an empty expression with room for <paramref name="capacity"/> terms.</summary>
    public LinearExpression(int capacity)
    {
        _indices = new List<int>(capacity);
        _coefficients = new List<double>(capacity);
    }

    /// <summary>The constant part.</summary>
    public double Constant { get; private set; }

    /// <summary>The number of terms (a variable may appear more than once).</summary>
    public int Count => _indices.Count;

    /// <summary>The variable indices of the terms.</summary>
    public IReadOnlyList<int> Indices => _indices;

    /// <summary>The coefficients of the terms.</summary>
    public IReadOnlyList<double> Coefficients => _coefficients;

    /// <summary>Adds c·x.</summary>
    public LinearExpression Add(Variable x, double c)
    {
        if (!double.IsFinite(c))
        {
            throw new ArgumentOutOfRangeException(nameof(c), c, "A coefficient must be finite.");
        }

        if (c != 0)
        {
            _indices.Add(x.Index);
            _coefficients.Add(c);
        }

        return this;
    }

    /// <summary>Adds c times another expression (terms and constant).</summary>
    public LinearExpression Add(LinearExpression other, double c = 1.0)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (var i = 0; i < other.Count; i++)
        {
            Add(new Variable(other._indices[i]), c * other._coefficients[i]);
        }

        Constant += c * other.Constant;
        return this;
    }

    /// <summary>Adds a constant.</summary>
    public LinearExpression AddConstant(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A constant must be finite.");
        }

        Constant += value;
        return this;
    }

    /// <summary>A copy of the expression.</summary>
    public LinearExpression Clone() => new LinearExpression(Count).Add(this);

    /// <summary>The value of the expression at a point.</summary>
    public double Evaluate(ReadOnlySpan<double> x)
    {
        var v = Constant;
        for (var i = 0; i < _indices.Count; i++)
        {
            v += _coefficients[i] * x[_indices[i]];
        }

        return v;
    }

    /// <summary>a + b.</summary>
    public static LinearExpression operator +(LinearExpression a, LinearExpression b) => a.Clone().Add(b);

    /// <summary>a − b.</summary>
    public static LinearExpression operator -(LinearExpression a, LinearExpression b) => a.Clone().Add(b, -1.0);

    /// <summary>a + c.</summary>
    public static LinearExpression operator +(LinearExpression a, double c) => a.Clone().AddConstant(c);

    /// <summary>c·a.</summary>
    public static LinearExpression operator *(double c, LinearExpression a) => new LinearExpression(a.Count).Add(a, c);
}
