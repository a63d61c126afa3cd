using Lem.Markets.Distributed;

namespace Lem.Cluster;

/// <summary>A distributed clearing run over grains, as its coordinator grain hands it back (docs/cluster.md#the-coordinator-as-a-grain).</summary>
/// <param name="Result">The run's result (its messages and bytes are the coordination loop's own count).</param>
/// <param name="GrainCalls">The agent grain calls the call filter saw.</param>
/// <param name="Messages">The messages the call filter counted (docs/cluster.md#message-accounting).</param>
/// <param name="Bytes">The encoded bytes the call filter counted.</param>
/// <param name="SilosUsed">The silos that hosted at least one of the run's agents (at the end of the run).</param>
/// <param name="AgentIds">The agents the run hosted on the cluster (participants, the outside market where it is an agent — P2P, and the exchange with the grid agent — and, with a grid, the grid agent).</param>
/// <param name="Replayed">Messages replayed to agents rebuilt after a lost activation, apart from <paramref name="Messages"/> (docs/cluster.md#recovery).</param>
/// <param name="Recoveries">Agents rebuilt after a lost activation.</param>
[GenerateSerializer]
[Immutable]
public sealed record ClusterRun(
    [property: Id(0)] DistributedResult Result,
    [property: Id(1)] long GrainCalls,
    [property: Id(2)] long Messages,
    [property: Id(3)] long Bytes,
    [property: Id(4)] int SilosUsed,
    [property: Id(5)] IReadOnlyList<string> AgentIds,
    [property: Id(6)] long Replayed = 0,
    [property: Id(7)] long Recoveries = 0)
{
    /// <summary>Agent calls that failed and were retried (docs/cluster.md#recovery).</summary>
    [Id(8)]
    public long FailedCalls { get; init; }

    /// <summary>The silo the coordinator grain ran on (its runtime identity).</summary>
    [Id(9)]
    public string CoordinatorSilo { get; init; } = string.Empty;

    /// <summary>The times the run was started again because its coordinator was lost with its silo.</summary>
    [Id(10)]
    public int Restarts { get; init; }
}
