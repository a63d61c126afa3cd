using System.Collections.Concurrent;

namespace Lem.Cluster;

/// <summary>
/// The coordinations running or finished on one silo, by attempt id (docs/cluster.md#the-coordinator-as-a-grain): a
/// singleton of the silo. A finished one stays until its caller has read it (<see cref="Remove"/>), or for
/// <see cref="Retention"/> after it ended when no caller comes back.
/// </summary>
internal sealed class CoordinationRegistry
{
    /// <summary>How long a finished coordination is kept for a caller that does not come back.</summary>
    public static TimeSpan Retention { get; } = TimeSpan.FromMinutes(30);

    private readonly ConcurrentDictionary<string, (Coordination Coordination, Lazy<DateTime> EndedUtc)> _runs = new(StringComparer.Ordinal);

    /// <summary>The coordination of an attempt, started by <paramref name="start"/> when the silo has none.</summary>
    public Coordination GetOrStart(string attemptId, Func<Coordination> start)
    {
        Sweep();
        return _runs.GetOrAdd(attemptId, _ =>
        {
            var c = start();
            return (c, new Lazy<DateTime>(() => DateTime.UtcNow));
        }).Coordination;
    }

    /// <summary>The coordination of an attempt on this silo, or null.</summary>
    public Coordination? Find(string attemptId)
    {
        if (!_runs.TryGetValue(attemptId, out var entry))
        {
            return null;
        }

        if (entry.Coordination.Run.IsCompleted)
        {
            _ = entry.EndedUtc.Value;
        }

        return entry.Coordination;
    }

    /// <summary>Forgets an attempt whose result has been read.</summary>
    public void Remove(string attemptId) => _runs.TryRemove(attemptId, out _);

    /// <summary>Forgets the coordinations that ended longer than <see cref="Retention"/> ago.</summary>
    private void Sweep()
    {
        foreach (var (id, entry) in _runs)
        {
            if (entry.Coordination.Run.IsCompleted && DateTime.UtcNow - entry.EndedUtc.Value > Retention)
            {
                _runs.TryRemove(id, out _);
            }
        }
    }
}
