using Lem.Markets.Distributed;

namespace Lem.Cluster;

/// <summary>A distributed clearing run over grains.</summary>
/// <param name="Result">The run's result (its messages and bytes are the coordination loop's own count).</param>
/// <param name="GrainCalls">The agent grain calls the call filter saw.</param>
/// <param name="Messages">The messages the call filter counted (docs/cluster.md#message-accounting).</param>
/// <param name="Bytes">The encoded bytes the call filter counted.</param>
/// <param name="SilosUsed">The silos that hosted at least one of the run's agents (at the end of the run).</param>
/// <param name="AgentIds">The agents the run hosted on the cluster (participants, the outside market where it is an agent — P2P, and the exchange with the grid agent — and, with a grid, the grid agent).</param>
/// <param name="Replayed">Messages replayed to agents rebuilt after a lost activation, apart from <paramref name="Messages"/> (docs/cluster.md#recovery).</param>
/// <param name="Recoveries">Agents rebuilt after a lost activation.</param>
public sealed record ClusterRun(DistributedResult Result, long GrainCalls, long Messages, long Bytes, int SilosUsed, IReadOnlyList<string> AgentIds, long Replayed = 0, long Recoveries = 0);
