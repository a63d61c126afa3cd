using Lem.Markets.Distributed;

namespace Lem.Cluster;

/// <summary>The coordination's handle on an agent in slot <paramref name="slot"/> of a host grain (docs/cluster.md#batched-rounds).</summary>
/// <param name="agentId">The agent's id.</param>
/// <param name="batch">The host grain's transport.</param>
/// <param name="slot">The agent's slot in its host grain.</param>
internal sealed class HostedAgent(string agentId, HostBatch batch, int slot) : IBatchedAgent
{
    /// <inheritdoc />
    public string AgentId => agentId;

    /// <inheritdoc />
    public IAgentBatch Batch => batch;

    /// <summary>The agent's slot in its host grain.</summary>
    public int Slot => slot;

    /// <inheritdoc />
    public AgentMessage Respond(CoordinatorMessage message) => batch.RespondAsync([this], [message]).GetAwaiter().GetResult()[0];
}
