namespace Lem.Cluster;

/// <summary>
/// How the coordinator's handles recover an agent whose grain lost its activation (docs/cluster.md#recovery).
/// </summary>
public sealed record AgentRecoveryOptions
{
    /// <summary>The defaults: recovery on, 512 MiB of logged messages per run, 3 minutes per message, retries after 0.5 to 4 s.</summary>
    public static AgentRecoveryOptions Default { get; } = new();

    /// <summary>Whether the handles keep a log of their messages and recover at all.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>
    /// The bound of the run's logs: the encoded bytes of the distinct messages logged (a broadcast signal shared by all
    /// agents counts once). Past it, the run drops its logs and a lost agent fails the run as without recovery.
    /// </summary>
    public long MaxLoggedBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>How long one message may take to get through, recoveries included, before the run fails.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>The first wait before a retry (doubled after each failure of the same message).</summary>
    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest wait before a retry.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(4);
}
