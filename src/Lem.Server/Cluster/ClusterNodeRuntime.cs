using System.Collections.Concurrent;

namespace Lem.Server.Cluster;

/// <summary>What a node's grains share: the cluster connection, the key folder, the operator key, and the markets active here.</summary>
internal sealed class ClusterNodeRuntime(ClusterNodeOptions options, string operatorKey)
{
    private readonly ConcurrentDictionary<string, bool> _active = new(StringComparer.Ordinal);

    /// <summary>The node's options.</summary>
    public ClusterNodeOptions Options { get; } = options;

    /// <summary>The cluster's PostgreSQL connection string.</summary>
    public string ConnectionString => Options.ConnectionString;

    /// <summary>The shared key folder.</summary>
    public string DataDirectory => Options.DataDirectory;

    /// <summary>The operator key.</summary>
    public string OperatorKey { get; } = operatorKey;

    /// <summary>The operator key's SHA-256 (hex).</summary>
    public string OperatorKeySha256Hex { get; } = MarketEngine.HashKey(operatorKey);

    /// <summary>The grain keys active on this node, sorted.</summary>
    public IReadOnlyList<string> ActiveKeys => [.. _active.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Notes an activation on this node.</summary>
    public void Activated(string key) => _active[key] = true;

    /// <summary>Notes a deactivation on this node.</summary>
    public void Deactivated(string key) => _active.TryRemove(key, out _);
}
