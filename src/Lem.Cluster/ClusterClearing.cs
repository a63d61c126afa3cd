using Lem.Markets.Clearing;
using Lem.Markets.Distributed;

namespace Lem.Cluster;

/// <summary>
/// Runs a distributed mechanism over the cluster (docs/cluster.md): the coordinator is a grain
/// (<see cref="GrainCoordinatorHost"/>, docs/cluster.md#the-coordinator-as-a-grain) running the ADMM loop of Lem.Markets
/// unchanged, and the agents are grains too, one per agent (<see cref="OrleansAgentHost"/>) or one host grain per silo
/// (<see cref="SiloAgentHost"/>, one call per silo and round; docs/cluster.md#batched-rounds).
/// </summary>
public static class ClusterClearing
{
    /// <summary>Runs <paramref name="mechanism"/> on <paramref name="market"/> over the cluster of <paramref name="client"/>; the counts are the call filter's on the coordinator's silo.</summary>
    /// <exception cref="ArgumentException">When the mechanism is not a distributed one.</exception>
    public static Task<ClusterRun> RunAsync(IClusterClient client, MarketInput market, string mechanism, DistributedOptions? options = null, string? scenarioPath = null, GrainTransport transport = GrainTransport.AgentGrains)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(market);
        var admm = ClearingMechanisms.Get(mechanism) as AdmmMechanism ?? throw new ArgumentException($"Mechanism '{mechanism}' is not a distributed (ADMM) mechanism.", nameof(mechanism));
        var host = new GrainCoordinatorHost(client, transport) { ScenarioPath = scenarioPath is null ? null : Path.GetFullPath(scenarioPath) };
        return host.CoordinateAsync(admm, market, options ?? DistributedOptions.Default);
    }
}
