namespace Lem.Markets.Distributed;

/// <summary>A message from a coordinator (supervisor, community manager, or the pair channel of a P2P market) to one agent.</summary>
/// <param name="Iteration">The iteration the message belongs to (1-based; 0 for a final request).</param>
public abstract record CoordinatorMessage(int Iteration)
{
    /// <summary>The number of 8-byte numbers the message carries (besides its header), for <see cref="EncodedBytes"/>.</summary>
    public abstract int ValueCount { get; }

    /// <summary>The number of 4-byte indices (partner or slot indices) the message carries.</summary>
    public virtual int IndexCount => 0;

    /// <summary>The size of the message in the fixed encoding of <see cref="MessageEncoding"/>.</summary>
    public int EncodedBytes => MessageEncoding.Bytes(ValueCount, IndexCount);
}
