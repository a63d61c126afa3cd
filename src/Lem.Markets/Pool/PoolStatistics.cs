namespace Lem.Markets.Pool;

/// <summary>The size of the clearing model and the time spent on it.</summary>
/// <param name="Variables">Variables of the last model solved.</param>
/// <param name="Constraints">Linear constraints of the last model solved.</param>
/// <param name="Binaries">Binaries added against simultaneous charging (0 when none were needed).</param>
/// <param name="Solves">Number of solver calls (LP, MILP, LP with fixed binaries, diagnostics).</param>
/// <param name="BuildSeconds">Wall time spent building models.</param>
/// <param name="SolveSeconds">Wall time spent in the solver.</param>
/// <param name="SolverName">The back end used, or null when nothing was solved.</param>
public sealed record PoolStatistics(int Variables, int Constraints, int Binaries, int Solves, double BuildSeconds, double SolveSeconds, string? SolverName);
