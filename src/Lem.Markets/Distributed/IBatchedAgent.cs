namespace Lem.Markets.Distributed;

/// <summary>
/// An agent that runs elsewhere and is reached through a shared <see cref="IAgentBatch"/> (docs/cluster.md#batched-rounds):
/// <see cref="AgentRound"/> groups a round's messages by batch and sends one exchange per batch.
/// </summary>
public interface IBatchedAgent : IAgent
{
    /// <summary>The transport that carries this agent's messages.</summary>
    IAgentBatch Batch { get; }
}
