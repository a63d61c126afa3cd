using System.Security.Cryptography;

namespace Lem.Server.Cluster;

/// <summary>The names a cluster derives from market ids: grain keys and PostgreSQL schemas (docs/cluster-server.md).</summary>
public static class ClusterNames
{
    /// <summary>The grain key of the participants' registry.</summary>
    public const string RegistryKey = "registry";

    /// <summary>The schema of the participants' registry.</summary>
    public const string RegistrySchema = "lem_registry";

    /// <summary>The table of the cluster's markets (id and schema), in the cluster connection's schema.</summary>
    public const string MarketsTable = "lem_cluster_markets";

    /// <summary>The grain key of a market.</summary>
    public static string MarketKey(string marketId) => "m:" + marketId;

    /// <summary>
    /// The schema that holds a market's command log and ledger: <c>lem_m_</c> and the first 24 hex digits of the SHA-256 of
    /// the market id (any id maps to a valid, fixed-length identifier).
    /// </summary>
    public static string MarketSchema(string marketId) =>
        "lem_m_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(marketId)))[..24];

    /// <summary>The schema of a grain key.</summary>
    public static string SchemaOf(string grainKey) =>
        grainKey == RegistryKey ? RegistrySchema : MarketSchema(grainKey.StartsWith("m:", StringComparison.Ordinal) ? grainKey[2..] : grainKey);
}
