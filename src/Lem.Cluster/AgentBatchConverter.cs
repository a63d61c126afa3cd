namespace Lem.Cluster;

/// <summary>Converts an <see cref="AgentBatch"/> to and from its binary wire form (docs/cluster.md#batched-rounds).</summary>
[RegisterConverter]
public sealed class AgentBatchConverter : IConverter<AgentBatch, AgentBatchSurrogate>
{
    /// <inheritdoc />
    public AgentBatch ConvertFromSurrogate(in AgentBatchSurrogate surrogate)
    {
        var (agents, messages) = MessageCodec.DecodeRequests(surrogate.Payload);
        return new AgentBatch(agents, messages);
    }

    /// <inheritdoc />
    public AgentBatchSurrogate ConvertToSurrogate(in AgentBatch value) => new(MessageCodec.EncodeRequests(value.Agents, value.Messages));
}
