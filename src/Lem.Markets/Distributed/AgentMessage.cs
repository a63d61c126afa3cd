namespace Lem.Markets.Distributed;

/// <summary>A message from an agent to its coordinator or its partners.</summary>
/// <param name="SenderId">The id of the agent that sends it.</param>
public abstract record AgentMessage(string SenderId)
{
    /// <summary>The number of 8-byte numbers the message carries (besides its header), for <see cref="EncodedBytes"/>.</summary>
    public abstract int ValueCount { get; }

    /// <summary>The size of the message in the fixed encoding of <see cref="MessageEncoding"/>.</summary>
    public int EncodedBytes => MessageEncoding.Bytes(ValueCount, 0);
}
