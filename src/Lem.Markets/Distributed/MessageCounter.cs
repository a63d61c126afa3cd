namespace Lem.Markets.Distributed;

/// <summary>Counts messages and their encoded bytes (thread-safe).</summary>
internal sealed class MessageCounter
{
    private long _messages;
    private long _bytes;

    public long Messages => Interlocked.Read(ref _messages);

    public long Bytes => Interlocked.Read(ref _bytes);

    public void Add(long count, long bytesEach)
    {
        Interlocked.Add(ref _messages, count);
        Interlocked.Add(ref _bytes, count * bytesEach);
    }

    /// <summary>
    /// Sends the <see cref="CostRequest"/> to every agent and counts it and the answers: Σ of the costs the agents report
    /// at their final points, EUR.
    /// </summary>
    /// <exception cref="InvalidOperationException">When an agent does not answer with a <see cref="CostReport"/>.</exception>
    public double CollectCosts(IReadOnlyList<IAgent> agents)
    {
        var request = new CostRequest();
        Add(agents.Count, request.EncodedBytes);
        // One round (docs/cluster.md#batched-rounds): over a transport that batches, one call per batch instead of one per agent.
        var answers = new AgentMessage[agents.Count];
        AgentRound.Run(agents, _ => request, (i, answer) => answers[i] = answer, parallel: false);
        var total = 0.0;
        for (var i = 0; i < agents.Count; i++)
        {
            var answer = answers[i];
            Add(1, answer.EncodedBytes);
            total += answer is CostReport report ? report.CostEur : throw new InvalidOperationException($"Agent '{agents[i].AgentId}' did not answer the cost request with a cost report.");
        }

        return total;
    }
}
