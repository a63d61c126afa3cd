namespace Lem.Simulation.Agents;

/// <summary>The settings agents are made with: the MPC horizon in hours (24–48), the price cap and floor for random bids, the seed, and who is strategic.</summary>
/// <param name="HorizonHours">The rolling horizon of an MPC agent, in hours.</param>
/// <param name="PriceFloorEurPerMwh">The lowest price a random (ZI) bid may take.</param>
/// <param name="PriceCapEurPerMwh">The highest price a random (ZI) ask may take.</param>
/// <param name="Seed">The run's seed.</param>
/// <param name="StrategicIds">The participants that bid strategically (common knowledge among the strategic agents); null: every participant that sells.</param>
public sealed record AgentSettings(double HorizonHours = 24, double PriceFloorEurPerMwh = 0, double PriceCapEurPerMwh = 500, ulong Seed = 1, IReadOnlySet<ParticipantId>? StrategicIds = null);
