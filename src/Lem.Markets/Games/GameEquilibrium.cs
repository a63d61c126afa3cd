namespace Lem.Markets.Games;

/// <summary>What an <see cref="IEquilibriumMethod"/> found.</summary>
/// <param name="Method">The method's name.</param>
/// <param name="Converged">Whether the method reached its stopping rule (false: iteration limit or Lemke's ray termination).</param>
/// <param name="ValuesKw">Every variable's value, kW.</param>
/// <param name="RowMultipliers">One multiplier per game row, EUR/MWh per unit of the row (one common value per shared row: the variational equilibrium); NaN where the method has none.</param>
/// <param name="Iterations">Sweeps (best response), pivots (Lemke) or 1 (one QP).</param>
/// <param name="Message">Why the method stopped short, or a remark; null when none.</param>
public sealed record GameEquilibrium(string Method, bool Converged, IReadOnlyList<double> ValuesKw, IReadOnlyList<double> RowMultipliers, int Iterations, string? Message);
