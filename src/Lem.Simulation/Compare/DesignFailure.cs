namespace Lem.Simulation.Compare;

/// <summary>A design that could not be simulated, with the reason.</summary>
/// <param name="Design">The design.</param>
/// <param name="Reason">Why it failed.</param>
public sealed record DesignFailure(string Design, string Reason);
