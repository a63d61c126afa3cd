namespace Lem.Markets.Distributed;

/// <summary>
/// A transport that carries one round's messages to a group of agents in one exchange (docs/cluster.md#batched-rounds):
/// for example one call per silo that hosts the agents. The agents still answer each message on their own; only the
/// transport is shared, so the loop counts messages as it does in process.
/// </summary>
public interface IAgentBatch
{
    /// <summary>
    /// Sends <paramref name="messages"/>[i] to <paramref name="agents"/>[i] (agents of this batch) and returns their
    /// answers in the same order.
    /// </summary>
    Task<IReadOnlyList<AgentMessage>> RespondAsync(IReadOnlyList<IBatchedAgent> agents, IReadOnlyList<CoordinatorMessage> messages);
}
