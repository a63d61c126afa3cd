namespace Lem.Optimization;

/// <summary>The data of one second-order cone: its kind, the head variable(s) and the linear terms.</summary>
/// <param name="Kind">Quadratic (‖e‖ ≤ t) or rotated (Σ e² ≤ u·w).</param>
/// <param name="Head">t for a quadratic cone, u for a rotated cone.</param>
/// <param name="SecondHead">w for a rotated cone; unused (null) for a quadratic cone.</param>
/// <param name="Terms">The linear expressions e₁ … eₖ.</param>
/// <param name="Name">An optional name for messages.</param>
public sealed record ConeData(ConeKind Kind, Variable Head, Variable? SecondHead, IReadOnlyList<LinearExpression> Terms, string? Name);
