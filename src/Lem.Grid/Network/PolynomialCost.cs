namespace Lem.Grid.Network;

/// <summary>
/// A polynomial cost curve f(p) = c_n p^n + ... + c_1 p + c_0 in currency per hour, p in MW; the coefficients are
/// stored highest order first, exactly as MATPOWER stores them.
/// </summary>
public sealed record PolynomialCost : GeneratorCost
{
    /// <summary>The coefficients c_n ... c_0, highest order first.</summary>
    public required IReadOnlyList<double> Coefficients { get; init; }

    /// <summary>Evaluates the polynomial at <paramref name="pMw"/> by Horner's rule.</summary>
    public override double Evaluate(double pMw)
    {
        var sum = 0.0;
        foreach (var c in Coefficients)
        {
            sum = (sum * pMw) + c;
        }

        return sum;
    }
}
