namespace Lem.Cluster;

/// <summary>Converts <see cref="AgentBatchAnswers"/> to and from their binary wire form (docs/cluster.md#batched-rounds).</summary>
[RegisterConverter]
public sealed class AgentBatchAnswersConverter : IConverter<AgentBatchAnswers, AgentBatchAnswersSurrogate>
{
    /// <inheritdoc />
    public AgentBatchAnswers ConvertFromSurrogate(in AgentBatchAnswersSurrogate surrogate) => new(MessageCodec.DecodeAnswers(surrogate.Payload));

    /// <inheritdoc />
    public AgentBatchAnswersSurrogate ConvertToSurrogate(in AgentBatchAnswers value) => new(MessageCodec.EncodeAnswers(value.Answers));
}
