namespace Lem.Server.Cluster;

/// <summary>How a cluster node (<c>lem serve --cluster</c>) is started (docs/cluster-server.md).</summary>
public sealed record ClusterNodeOptions
{
    /// <summary>The PostgreSQL connection string (Npgsql form) of the membership tables and of every market's store schema.</summary>
    public required string ConnectionString { get; init; }

    /// <summary>The key folder, shared by the nodes: the server's signing key, the operator key, the markets' ledger heads.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>The HTTP listen URLs of this node.</summary>
    public IReadOnlyList<string> Urls { get; init; } = ["http://127.0.0.1:8080"];

    /// <summary>The operator's API key; null = read from the data folder, generated there when missing.</summary>
    public string? OperatorKey { get; init; }

    /// <summary>The Orleans cluster id (nodes with the same id and database form one cluster).</summary>
    public string ClusterId { get; init; } = "lem";

    /// <summary>The silo-to-silo port on loopback; 0 picks a free one.</summary>
    public int SiloPort { get; init; }

    /// <summary>The Orleans gateway port on loopback; 0 picks a free one.</summary>
    public int GatewayPort { get; init; }

    /// <summary>Whether the Orleans dashboard is served under <see cref="DashboardPath"/>.</summary>
    public bool Dashboard { get; init; }

    /// <summary>The path of the Orleans dashboard.</summary>
    public const string DashboardPath = "/orleans";

    /// <summary>The largest request body in bytes.</summary>
    public long MaxRequestBodyBytes { get; init; } = 64 * 1024;

    /// <summary>Requests per second per caller and market.</summary>
    public int RateLimitPerSecond { get; init; } = 20_000;

    /// <summary>The default cap on a participant's open orders per market and slot.</summary>
    public int MaxOpenOrdersPerParticipant { get; init; } = ServerOptions.DefaultMaxOpenOrdersPerParticipant;
}
