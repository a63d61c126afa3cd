namespace Lem.Optimization;

/// <summary>A quadratic objective term c·x_a·x_b (a may equal b).</summary>
/// <param name="A">The first variable.</param>
/// <param name="B">The second variable.</param>
/// <param name="Coefficient">The coefficient c.</param>
public readonly record struct QuadraticTerm(Variable A, Variable B, double Coefficient);
