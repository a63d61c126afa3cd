namespace Lem.Cluster;

/// <summary>
/// The message count an agent grain checks before answering (docs/cluster.md#recovery): the coordinator's handle puts
/// the number of messages the agent has answered so far into Orleans' request context under <see cref="Key"/>; the
/// grain compares it with its own count.
/// </summary>
public static class AgentSequence
{
    /// <summary>The request-context key of the count.</summary>
    public const string Key = "lem.agent.sequence";
}
