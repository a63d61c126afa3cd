using Lem.Markets.Distributed;

namespace Lem.Cluster;

/// <summary>The answers to an <see cref="AgentBatch"/>, in its order; on the wire, <see cref="MessageCodec"/>'s binary encoding.</summary>
/// <param name="Answers">One answer per message of the batch.</param>
[Immutable]
public sealed record AgentBatchAnswers(IReadOnlyList<AgentMessage> Answers);
