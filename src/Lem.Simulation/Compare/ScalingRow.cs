namespace Lem.Simulation.Compare;

/// <summary>One design at one community size in the scaling run (docs/comparison.md#scaling).</summary>
/// <param name="Design">The design.</param>
/// <param name="Agents">The number of households.</param>
/// <param name="ClearingSeconds">Wall time of the day's clearings, or null when skipped or failed.</param>
/// <param name="WallSeconds">Wall time of the simulated day, or null when skipped or failed.</param>
/// <param name="Messages">Messages exchanged, or null when skipped or failed.</param>
/// <param name="Bytes">Bytes exchanged, or null when skipped or failed.</param>
/// <param name="Note">Why the run was skipped or failed; null when it ran.</param>
public sealed record ScalingRow(string Design, int Agents, double? ClearingSeconds, double? WallSeconds, long? Messages, long? Bytes, string? Note);
