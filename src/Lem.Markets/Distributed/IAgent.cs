namespace Lem.Markets.Distributed;

/// <summary>
/// A market agent in a distributed clearing: an independent object that holds its private data (costs, assets,
/// preferences) and answers coordination messages. Nothing but <see cref="AgentId"/> and the messages it returns
/// ever leaves it, so an agent can later run as an actor or behind a network connection.
/// </summary>
public interface IAgent
{
    /// <summary>The agent's public identity (the participant id for agents built from a scenario).</summary>
    string AgentId { get; }

    /// <summary>Answers one coordination message with one message (a proposal, or a cost report at the end).</summary>
    /// <exception cref="ArgumentException">When the agent does not understand the message type.</exception>
    AgentMessage Respond(CoordinatorMessage message);
}
