using Lem.Markets.Distributed;

namespace Lem.Cluster;

/// <summary>An agent of a distributed clearing as an Orleans grain, keyed "run/agent" (docs/cluster.md#agents-as-grains).</summary>
public interface IAgentGrain : IGrainWithStringKey
{
    /// <summary>Builds the agent (its private data stays in the grain); a second call with the same spec does nothing.</summary>
    Task Open(AgentSpec spec);

    /// <summary>
    /// Answers one coordination message, as <see cref="IAgent.Respond"/> does in process. When the request context
    /// carries the coordinator's message count (<see cref="AgentSequence.Key"/>), the grain answers only if it has
    /// answered exactly that many messages since it was built, and throws <see cref="AgentActivationLostException"/>
    /// otherwise (docs/cluster.md#recovery).
    /// </summary>
    Task<AgentMessage> Respond(CoordinatorMessage message);

    /// <summary>
    /// Rebuilds the agent from its spec and replays <paramref name="replay"/> in order, discarding the answers: the
    /// agent is deterministic, so its state is again the state it had after answering those messages
    /// (docs/cluster.md#recovery).
    /// </summary>
    Task Reset(AgentSpec spec, CoordinatorMessage[] replay);

    /// <summary>
    /// The messages this activation has answered since its agent was built (the count the coordinator also keeps; for
    /// observers such as the recovery test of docs/cluster.md#recovery).
    /// </summary>
    Task<long> Answered();

    /// <summary>The silo the grain runs on (for the placement figures of docs/cluster.md).</summary>
    Task<string> Silo();
}
