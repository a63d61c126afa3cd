using Lem.Markets.Distributed;

namespace Lem.Cluster;

/// <summary>
/// One round's messages to the agents of one host grain (docs/cluster.md#batched-rounds): message i goes to the agent in
/// slot <see cref="Agents"/>[i] of the host. On the wire it is <see cref="MessageCodec"/>'s binary encoding.
/// </summary>
/// <param name="Agents">The agents' slots in their host grain (the order they were opened in).</param>
/// <param name="Messages">The messages, one per agent.</param>
[Immutable]
public sealed record AgentBatch(IReadOnlyList<int> Agents, IReadOnlyList<CoordinatorMessage> Messages);
