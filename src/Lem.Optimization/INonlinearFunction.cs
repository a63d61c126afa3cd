namespace Lem.Optimization;

/// <summary>
/// A smooth nonlinear function of a few model variables, for constraints that no linear or conic form expresses
/// (AC power balance in polar form, for example). Only interior-point back ends (Ipopt) accept it.
/// </summary>
/// <remarks>Local coordinates: position k of the span arguments is <see cref="Variables"/>[k].</remarks>
public interface INonlinearFunction
{
    /// <summary>The variables the function depends on, in local order.</summary>
    IReadOnlyList<Variable> Variables { get; }

    /// <summary>The lower-triangle (row ≥ column) entries of the Hessian, in local coordinates.</summary>
    IReadOnlyList<(int Row, int Col)> HessianStructure { get; }

    /// <summary>The function value at local point <paramref name="x"/>.</summary>
    double Value(ReadOnlySpan<double> x);

    /// <summary>Writes the gradient at <paramref name="x"/> (one entry per local variable).</summary>
    void Gradient(ReadOnlySpan<double> x, Span<double> gradient);

    /// <summary>Adds <paramref name="weight"/> times the Hessian entries of <see cref="HessianStructure"/> to <paramref name="values"/>.</summary>
    void AddHessian(ReadOnlySpan<double> x, double weight, Span<double> values);
}
