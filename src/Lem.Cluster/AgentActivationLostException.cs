namespace Lem.Cluster;

/// <summary>
/// An agent grain's answer when it cannot answer the message in sequence (docs/cluster.md#recovery): the activation
/// was never opened (it was lost with its silo and reactivated empty), or its message count differs from the count the
/// coordinator expects (a message it never answered, or one answered twice). The coordinator's handle then rebuilds
/// the agent and replays its log.
/// </summary>
[GenerateSerializer]
public sealed class AgentActivationLostException : OrleansException
{
    /// <summary>Creates the exception.</summary>
    public AgentActivationLostException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public AgentActivationLostException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public AgentActivationLostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
