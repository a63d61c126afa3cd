namespace Lem.Cluster;

/// <summary>The wire form of an <see cref="AgentBatch"/>: its <see cref="MessageCodec"/> encoding.</summary>
/// <param name="Payload">The encoded batch.</param>
[GenerateSerializer]
[Immutable]
public readonly record struct AgentBatchSurrogate([property: Id(0)] byte[] Payload);
