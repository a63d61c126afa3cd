namespace Lem.Markets.Distributed;

/// <summary>
/// An agent that runs elsewhere (a grain, a process behind a connection; docs/cluster.md#the-transport): besides the
/// blocking <see cref="IAgent.Respond"/> it answers asynchronously, so a round of messages to many such agents is sent
/// at once and awaited together instead of blocking a thread per agent.
/// </summary>
public interface IRemoteAgent : IAgent
{
    /// <summary>Answers one coordination message, as <see cref="IAgent.Respond"/> does.</summary>
    Task<AgentMessage> RespondAsync(CoordinatorMessage message);
}
