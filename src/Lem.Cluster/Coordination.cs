using System.Collections.Concurrent;
using Orleans.Serialization;

namespace Lem.Cluster;

/// <summary>
/// One attempt of a run coordinating on a silo (docs/cluster.md#the-coordinator-as-a-grain): its spec, the running
/// loop, its last progress report and its notes. It lives in the silo's <see cref="CoordinationRegistry"/>, not in a
/// grain activation, so an activation created again on the same silo (the grain directory lost its entry with another
/// silo) finds the run still going.
/// </summary>
internal sealed class Coordination
{
    /// <summary>Starts the loop of <paramref name="spec"/> on a worker thread.</summary>
    public Coordination(CoordinationSpec spec, Func<Coordination, Task<ClusterRun>> loop)
    {
        Spec = spec;
        // The loop blocks on each round (IAgent.Respond is synchronous): it runs off any grain's scheduler, and its grain
        // calls leave the silo as calls from outside a grain do.
        Run = Task.Run(() => loop(this));
    }

    /// <summary>The attempt's spec.</summary>
    public CoordinationSpec Spec { get; }

    /// <summary>The loop and its result.</summary>
    public Task<ClusterRun> Run { get; }

    /// <summary>The last progress report of the loop.</summary>
    public LatestProgress Progress { get; } = new();

    /// <summary>What happened since the last poll (agents recovered), one line each.</summary>
    public ConcurrentQueue<string> Notes { get; } = new();

    /// <summary>The completed run encoded by <paramref name="serializer"/>, once (its parts are read one call each).</summary>
    public byte[] Encoded(Serializer serializer)
    {
        lock (_gate)
        {
            return _encoded ??= serializer.SerializeToArray(Run.Result);
        }
    }

    private readonly Lock _gate = new();
    private byte[]? _encoded;
}
