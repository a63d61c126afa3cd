namespace Lem.Cluster;

/// <summary>
/// What a coordinator grain needs to run a distributed clearing (docs/cluster.md#the-coordinator-as-a-grain): the run,
/// this attempt of it, the mechanism, and where the market comes from.
/// </summary>
/// <param name="RunId">The run: the key of its market and options in <see cref="CoordinationCatalog"/> when it was started in the silos' process.</param>
/// <param name="AttemptId">This attempt of the run: the coordinator grain's key and the run id of its agents' grains (a run restarted after losing its coordinator gets a new one).</param>
/// <param name="Mechanism">The registered distributed mechanism (exchange, community, p2p).</param>
/// <param name="ScenarioPath">The scenario file every silo can read, or null when the run is registered in the silos' process.</param>
/// <param name="GridFormulation">The grid formulation of the run (<c>copperplate</c> or the grid agent's).</param>
/// <param name="TariffAware">Whether the agents' costs include their tariffs (rebuilt from the scenario's settlement).</param>
/// <param name="PartnersPerAgent">The run's <c>--partners</c>, or null for the mechanism's default.</param>
/// <param name="Transport">How the coordinator reaches the agents.</param>
[GenerateSerializer]
[Immutable]
public sealed record CoordinationSpec(
    [property: Id(0)] string RunId,
    [property: Id(1)] string AttemptId,
    [property: Id(2)] string Mechanism,
    [property: Id(3)] string? ScenarioPath,
    [property: Id(4)] string GridFormulation,
    [property: Id(5)] bool TariffAware,
    [property: Id(6)] int? PartnersPerAgent,
    [property: Id(7)] GrainTransport Transport);
