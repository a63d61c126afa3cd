namespace Lem.Markets.Distributed;

/// <summary>
/// One round of messages from a coordinator to its agents (docs/cluster.md#the-transport): in process each agent
/// answers on a worker (in parallel when asked); when every agent is an <see cref="IRemoteAgent"/>, all messages are
/// sent at once and the answers awaited together.
/// </summary>
internal static class AgentRound
{
    /// <summary>Sends <paramref name="message"/>(i) to agent i and hands its answer to <paramref name="take"/>(i, answer).</summary>
    public static void Run(IReadOnlyList<IAgent> agents, Func<int, CoordinatorMessage> message, Action<int, AgentMessage> take, bool parallel)
    {
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
}
