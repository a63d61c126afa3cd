namespace Lem.Simulation.Compare;

/// <summary>What one party learns in a market design (docs/comparison.md#information).</summary>
/// <param name="Party">The party (operator, community manager, peer, participant, DSO).</param>
/// <param name="Learns">What it learns from the others.</param>
public sealed record InformationExposure(string Party, string Learns);
