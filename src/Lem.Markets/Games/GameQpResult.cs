namespace Lem.Markets.Games;

/// <summary>The solution of a <see cref="GameQp"/>: every variable's value (fixed ones unchanged) and every row's multiplier (NaN when the row was not in the QP).</summary>
internal sealed record GameQpResult(double[] Values, double[] RowMultipliers);
