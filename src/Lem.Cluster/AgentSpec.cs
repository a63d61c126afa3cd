namespace Lem.Cluster;

/// <summary>
/// What an agent grain needs to build its agent (docs/cluster.md#agents-as-grains): the run and the agent it belongs
/// to, and, for silos in other processes, the scenario file and mechanism to re-create the agent's private data from.
/// </summary>
/// <param name="RunId">The run the agent belongs to (the first part of the grain key).</param>
/// <param name="AgentId">The agent's id (the participant id, or the outside market's).</param>
/// <param name="Mechanism">The registered mechanism name (exchange, community, p2p).</param>
/// <param name="ScenarioPath">The scenario file every silo can read, or null when the agents are registered in process.</param>
/// <param name="TariffAware">Whether the run clears tariff-aware (each agent's cost includes its tariff charges, docs/settlement.md#tariff-aware-clearing).</param>
/// <param name="PartnersPerAgent">The run's <c>--partners</c>, or null for the mechanism's default.</param>
/// <param name="GridFormulation">The run's grid formulation: a silo rebuilding the grid agent from the scenario builds it on this one (docs/cluster.md#the-grid-agent-as-a-grain).</param>
[GenerateSerializer]
[Immutable]
public sealed record AgentSpec(
    [property: Id(0)] string RunId,
    [property: Id(1)] string AgentId,
    [property: Id(2)] string Mechanism,
    [property: Id(3)] string? ScenarioPath,
    [property: Id(4)] bool TariffAware = false,
    [property: Id(5)] int? PartnersPerAgent = null,
    [property: Id(6)] string GridFormulation = "copperplate")
{
    /// <summary>The grain key of the agent: run id and agent id.</summary>
    public string GrainKey => $"{RunId}/{AgentId}";
}
