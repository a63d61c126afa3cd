using Lem.Markets.Distributed;

namespace Lem.Cluster;

/// <summary>An agent of a distributed clearing as an Orleans grain, keyed "run/agent" (docs/cluster.md#agents-as-grains).</summary>
public interface IAgentGrain : IGrainWithStringKey
{
    /// <summary>Builds the agent (its private data stays in the grain); a second call with the same spec does nothing.</summary>
    Task Open(AgentSpec spec);

    /// <summary>Answers one coordination message, as <see cref="IAgent.Respond"/> does in process.</summary>
    Task<AgentMessage> Respond(CoordinatorMessage message);

    /// <summary>The silo the grain runs on (for the placement figures of docs/cluster.md).</summary>
    Task<string> Silo();
}
