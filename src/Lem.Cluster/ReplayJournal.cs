using Lem.Markets.Distributed;

namespace Lem.Cluster;

/// <summary>
/// The recovery figures and the memory bound of one run's message logs (docs/cluster.md#recovery), shared by the
/// run's <see cref="GrainAgent"/> handles (thread-safe). Replayed messages are counted here, apart from the run's
/// messages (the call filter counts <see cref="IAgentGrain.Respond"/> calls only, and a failed call not at all).
/// </summary>
public sealed class ReplayJournal
{
    private readonly Lock _gate = new();
    private readonly HashSet<CoordinatorMessage> _distinct = new(ReferenceEqualityComparer.Instance);
    private readonly long _maxLoggedBytes;
    private long _loggedBytes;
    private long _replayed;
    private long _recoveries;
    private long _failedCalls;
    private bool _dropped;

    /// <summary>Creates the journal of a run.</summary>
    public ReplayJournal(AgentRecoveryOptions? options = null)
    {
        Options = options ?? AgentRecoveryOptions.Default;
        _maxLoggedBytes = Options.MaxLoggedBytes;
        _dropped = !Options.Enabled;
    }

    /// <summary>The run's recovery options.</summary>
    public AgentRecoveryOptions Options { get; }

    /// <summary>Messages resent to rebuilt agents (not part of the run's message count).</summary>
    public long Replayed => Interlocked.Read(ref _replayed);

    /// <summary>Agents rebuilt and replayed.</summary>
    public long Recoveries => Interlocked.Read(ref _recoveries);

    /// <summary>Grain calls that failed and were retried (a lost silo, a timeout, a lost activation, a count mismatch).</summary>
    public long FailedCalls => Interlocked.Read(ref _failedCalls);

    /// <summary>The encoded bytes of the distinct messages held in the logs.</summary>
    public long LoggedBytes
    {
        get
        {
            lock (_gate)
            {
                return _loggedBytes;
            }
        }
    }

    /// <summary>Whether the logs were dropped (recovery off, or the bound exceeded).</summary>
    public bool Dropped
    {
        get
        {
            lock (_gate)
            {
                return _dropped;
            }
        }
    }

    /// <summary>Called after each recovery with the agent id, the messages replayed and the time from the first failed call to the rebuilt agent.</summary>
    public event Action<string, int, TimeSpan>? Recovered;

    /// <summary>Accounts a message about to be logged; false when the logs are dropped (the caller drops its own).</summary>
    internal bool TryLog(CoordinatorMessage message)
    {
        lock (_gate)
        {
            if (_dropped)
            {
                return false;
            }

            if (_distinct.Add(message))
            {
                _loggedBytes += message.EncodedBytes;
            }

            if (_loggedBytes > _maxLoggedBytes)
            {
                _dropped = true;
                _distinct.Clear();
                _loggedBytes = 0;
                return false;
            }

            return true;
        }
    }

    /// <summary>Counts a failed call.</summary>
    internal void Failed() => Interlocked.Increment(ref _failedCalls);

    /// <summary>Counts a recovery of <paramref name="agentId"/> with <paramref name="replayed"/> messages.</summary>
    internal void Recovery(string agentId, int replayed, TimeSpan failover)
    {
        Interlocked.Increment(ref _recoveries);
        Interlocked.Add(ref _replayed, replayed);
        Recovered?.Invoke(agentId, replayed, failover);
    }
}
