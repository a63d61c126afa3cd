using System.Collections.Concurrent;

namespace Lem.Cluster;

/// <summary>The messages and bytes counted by <see cref="MessageCountingFilter"/>, per run (thread-safe).</summary>
public sealed class GrainMessageCounter
{
    private readonly ConcurrentDictionary<string, Tally> _runs = new(StringComparer.Ordinal);

    /// <summary>The grain calls, messages and bytes of a run so far.</summary>
    public (long Calls, long Messages, long Bytes) Of(string runId)
    {
        ArgumentNullException.ThrowIfNull(runId);
        return _runs.TryGetValue(runId, out var t) ? (Interlocked.Read(ref t.Calls), Interlocked.Read(ref t.Messages), Interlocked.Read(ref t.Bytes)) : (0, 0, 0);
    }

    /// <summary>Adds one call of a run.</summary>
    public void Add(string runId, long messages, long bytes) => Add(runId, 1, messages, bytes);

    /// <summary>Adds <paramref name="calls"/> grain calls of a run carrying <paramref name="messages"/> messages.</summary>
    public void Add(string runId, long calls, long messages, long bytes)
    {
        var t = _runs.GetOrAdd(runId, _ => new Tally());
        Interlocked.Add(ref t.Calls, calls);
        Interlocked.Add(ref t.Messages, messages);
        Interlocked.Add(ref t.Bytes, bytes);
    }

    /// <summary>Forgets a finished run.</summary>
    public void Forget(string runId) => _runs.TryRemove(runId, out _);

    private sealed class Tally
    {
        public long Calls;
        public long Messages;
        public long Bytes;
    }
}
