namespace Lem.Cluster;

/// <summary>The wire form of <see cref="AgentBatchAnswers"/>: its <see cref="MessageCodec"/> encoding.</summary>
/// <param name="Payload">The encoded answers.</param>
[GenerateSerializer]
[Immutable]
public readonly record struct AgentBatchAnswersSurrogate([property: Id(0)] byte[] Payload);
