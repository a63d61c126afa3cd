namespace Lem.Markets.Games;

/// <summary>The outcome of <see cref="LemkeSolver.Solve"/>.</summary>
/// <param name="Status">How the algorithm ended.</param>
/// <param name="Z">z ≥ 0 (the last basic solution when not solved).</param>
/// <param name="W">w = M·z + q ≥ 0.</param>
/// <param name="Pivots">The number of pivots.</param>
/// <param name="Message">A sentence on a ray termination or pivot limit (which variable entered, after how many pivots), or null.</param>
public sealed record LcpResult(LcpStatus Status, double[] Z, double[] W, int Pivots, string? Message);
