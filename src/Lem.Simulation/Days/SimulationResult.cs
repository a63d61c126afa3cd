namespace Lem.Simulation.Days;

/// <summary>A finished simulation: its settings, its days in order and the wall time.</summary>
/// <param name="Settings">The settings it ran with.</param>
/// <param name="Days">The days in order.</param>
/// <param name="WallSeconds">Wall time of the whole run.</param>
public sealed record SimulationResult(SimulationSettings Settings, IReadOnlyList<SimulatedDay> Days, double WallSeconds);
