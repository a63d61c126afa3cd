using System.Collections.Concurrent;
using System.Data.Common;
using Lem.Server.Store;
using Npgsql;

namespace Lem.Server.Cluster;

/// <summary>
/// What a node's grains share: the cluster connection, the key folder, the operator key, the markets active here, the
/// node's bounded connection pool and its schema-lock session (docs/cluster-server.md, "Connections and the schema lock").
/// </summary>
internal sealed class ClusterNodeRuntime : IDisposable
{
    /// <summary>The pool size of a node when the connection string sets none.</summary>
    public const int DefaultMaxPoolSize = 20;

    private readonly ConcurrentDictionary<string, bool> _active = new(StringComparer.Ordinal);

    /// <summary>Prepares the node's pool (not yet connected) and lock session.</summary>
    public ClusterNodeRuntime(ClusterNodeOptions options, string operatorKey)
    {
        Options = options;
        OperatorKey = operatorKey;
        OperatorKeySha256Hex = MarketEngine.HashKey(operatorKey);
        var pooled = new NpgsqlConnectionStringBuilder(options.ConnectionString)
        {
            Pooling = true,
            MaxPoolSize = MaxPoolSize(options.ConnectionString),
        };
        if (string.IsNullOrEmpty(pooled.ApplicationName))
        {
            pooled.ApplicationName = "lem serve --cluster";
        }

        DataSource = NpgsqlDataSource.Create(pooled.ConnectionString);
        Locks = new PostgresSchemaLocks(options.ConnectionString);
    }

    /// <summary>The node's options.</summary>
    public ClusterNodeOptions Options { get; }

    /// <summary>The cluster's PostgreSQL connection string.</summary>
    public string ConnectionString => Options.ConnectionString;

    /// <summary>The node's shared, bounded pool: every market's loads and commits, and the front's queries, borrow from it.</summary>
    public NpgsqlDataSource DataSource { get; }

    /// <summary>The node's schema-lock session.</summary>
    public PostgresSchemaLocks Locks { get; }

    /// <summary>The shared key folder.</summary>
    public string DataDirectory => Options.DataDirectory;

    /// <summary>The operator key.</summary>
    public string OperatorKey { get; }

    /// <summary>The operator key's SHA-256 (hex).</summary>
    public string OperatorKeySha256Hex { get; }

    /// <summary>The grain keys active on this node, sorted.</summary>
    public IReadOnlyList<string> ActiveKeys => [.. _active.Keys.Order(StringComparer.Ordinal)];

    /// <summary>How many grains are active on this node.</summary>
    public int ActiveCount => _active.Count;

    /// <summary>Notes an activation on this node.</summary>
    public void Activated(string key) => _active[key] = true;

    /// <summary>Notes a deactivation on this node.</summary>
    public void Deactivated(string key) => _active.TryRemove(key, out _);

    /// <inheritdoc />
    public void Dispose()
    {
        Locks.Dispose();
        DataSource.Dispose();
    }

    /// <summary>The pool size the connection string sets (any of Npgsql's spellings), else <see cref="DefaultMaxPoolSize"/>.</summary>
    internal static int MaxPoolSize(string connectionString)
    {
        var raw = new DbConnectionStringBuilder { ConnectionString = connectionString };
        foreach (var name in new[] { "Maximum Pool Size", "Max Pool Size", "MaxPoolSize", "Maximum Pool-size" })
        {
            if (raw.ContainsKey(name))
            {
                return new NpgsqlConnectionStringBuilder(connectionString).MaxPoolSize;
            }
        }

        return DefaultMaxPoolSize;
    }
}
