namespace Lem.Markets.Distributed;

/// <summary>
/// Where the agents of a distributed clearing run (docs/cluster.md#the-transport): the coordination loops talk to every
/// agent through <see cref="IAgent.Respond"/> only, so a host can hand them the agent itself (in process, the default
/// when <see cref="DistributedOptions.AgentHost"/> is null) or a proxy that forwards each message to the agent running
/// elsewhere (an Orleans grain that builds the agent from the same <see cref="AgentFactory"/>).
/// </summary>
public interface IAgentHost
{
    /// <summary>
    /// The agent the coordination talks to for <paramref name="agentId"/>; <paramref name="build"/> creates it in this
    /// process (an in-process host returns <c>build()</c>, a remote host builds it where it runs instead).
    /// </summary>
    IAgent Host(string agentId, Func<IAgent> build);
}
