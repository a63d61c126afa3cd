namespace Lem.Grid.PowerFlow;

/// <summary>What one solve of a <see cref="IPowerFlowSolver"/> reports.</summary>
/// <param name="Status">How the solve ended.</param>
/// <param name="Iterations">Iterations (Newton updates or sweeps) done.</param>
/// <param name="ConvergenceMeasurePu">The last value of the stopping measure (power mismatch for NR, voltage change for BFS).</param>
public readonly record struct SolveStats(PowerFlowStatus Status, int Iterations, double ConvergenceMeasurePu);
