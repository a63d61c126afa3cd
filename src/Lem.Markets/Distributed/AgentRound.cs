namespace Lem.Markets.Distributed;

/// <summary>
/// One round of messages from a coordinator to its agents (docs/cluster.md#the-transport): in process each agent
/// answers on a worker (in parallel when asked); when every agent is an <see cref="IBatchedAgent"/>, the round's
/// messages are grouped by batch and each batch is sent in one exchange (docs/cluster.md#batched-rounds); when every
/// agent is an <see cref="IRemoteAgent"/>, all messages are sent at once and the answers awaited together.
/// </summary>
internal static class AgentRound
{
    /// <summary>Sends <paramref name="message"/>(i) to agent i and hands its answer to <paramref name="take"/>(i, answer).</summary>
    public static void Run(IReadOnlyList<IAgent> agents, Func<int, CoordinatorMessage> message, Action<int, AgentMessage> take, bool parallel)
    {
        if (agents.Count > 0 && agents.All(a => a is IBatchedAgent))
        {
            RunBatched(agents, message, take);
            return;
        }

        if (agents.Count > 0 && agents.All(a => a is IRemoteAgent))
        {
            var calls = new Task<AgentMessage>[agents.Count];
            for (var i = 0; i < agents.Count; i++)
            {
                calls[i] = ((IRemoteAgent)agents[i]).RespondAsync(message(i));
            }

            var answers = Task.WhenAll(calls).GetAwaiter().GetResult();
            for (var i = 0; i < answers.Length; i++)
            {
                take(i, answers[i]);
            }

            return;
        }

        if (parallel && agents.Count > 1)
        {
            Parallel.For(0, agents.Count, i => take(i, agents[i].Respond(message(i))));
        }
        else
        {
            for (var i = 0; i < agents.Count; i++)
            {
                take(i, agents[i].Respond(message(i)));
            }
        }
    }

    private static void RunBatched(IReadOnlyList<IAgent> agents, Func<int, CoordinatorMessage> message, Action<int, AgentMessage> take)
    {
        var groups = new Dictionary<IAgentBatch, (List<int> Index, List<IBatchedAgent> Agents, List<CoordinatorMessage> Messages)>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < agents.Count; i++)
        {
            var agent = (IBatchedAgent)agents[i];
            if (!groups.TryGetValue(agent.Batch, out var group))
            {
                group = ([], [], []);
                groups[agent.Batch] = group;
            }

            group.Index.Add(i);
            group.Agents.Add(agent);
            group.Messages.Add(message(i));
        }

        var sent = groups.Select(g => (g.Value.Index, Call: g.Key.RespondAsync(g.Value.Agents, g.Value.Messages))).ToList();
        Task.WhenAll(sent.Select(s => s.Call)).GetAwaiter().GetResult();
        var answers = new AgentMessage[agents.Count];
        foreach (var (index, call) in sent)
        {
            var got = call.Result;
            if (got.Count != index.Count)
            {
                throw new InvalidOperationException($"A batch of {index.Count} messages came back with {got.Count} answers.");
            }

            for (var j = 0; j < index.Count; j++)
            {
                answers[index[j]] = got[j];
            }
        }

        for (var i = 0; i < answers.Length; i++)
        {
            take(i, answers[i]);
        }
    }
}
