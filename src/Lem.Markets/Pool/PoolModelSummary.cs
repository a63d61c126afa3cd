namespace Lem.Markets.Pool;

/// <summary>The <c>model</c> member of the pool's summary.</summary>
/// <param name="Variables">Variables.</param>
/// <param name="Constraints">Constraints (rows).</param>
/// <param name="Binaries">Binary variables.</param>
/// <param name="BuildSeconds">Model building time, s.</param>
/// <param name="SolveSeconds">Solver time, s.</param>
/// <param name="Solver">The solver's name, or null.</param>
public sealed record PoolModelSummary(
    int Variables,
    int Constraints,
    int Binaries,
    double BuildSeconds,
    double SolveSeconds,
    string? Solver);
