namespace Lem.Markets.Distributed;

/// <summary>Counts messages and their encoded bytes (thread-safe).</summary>
internal sealed class MessageCounter
{
    private long _messages;
    private long _bytes;

    public long Messages => Interlocked.Read(ref _messages);

    public long Bytes => Interlocked.Read(ref _bytes);

    public void Add(long count, long bytesEach)
    {
        Interlocked.Add(ref _messages, count);
        Interlocked.Add(ref _bytes, count * bytesEach);
    }
}
