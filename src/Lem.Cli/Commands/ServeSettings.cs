namespace Lem.Cli.Commands;

/// <summary>The options of <c>lem serve</c>.</summary>
/// <param name="DataDirectory">The data folder.</param>
/// <param name="Urls">The listen addresses, separated by ';'.</param>
/// <param name="OperatorKey">The operator key, or null to use the generated one.</param>
/// <param name="RateLimitPerSecond">Requests per second per caller.</param>
/// <param name="MaxBodyBytes">The largest request body in bytes.</param>
/// <param name="Format">text or json.</param>
/// <param name="Postgres">A PostgreSQL connection string for the store (the data folder then holds only the keys), or null for SQLite in the data folder.</param>
/// <param name="PostgresPassfile">A pgpass file for the PostgreSQL password (<c>--postgres-passfile</c>), or null.</param>
/// <param name="Cluster">The cluster's PostgreSQL connection string (<c>--cluster</c>), or null for a single server.</param>
/// <param name="Dashboard">Whether a cluster node serves the Orleans dashboard (<c>--dashboard</c>).</param>
/// <param name="MaxOpenOrdersPerParticipant">The default cap on one participant's open orders per market and slot (<c>--max-open-orders</c>).</param>
public sealed record ServeSettings(string DataDirectory, string Urls, string? OperatorKey, int RateLimitPerSecond, long MaxBodyBytes, string Format, string? Postgres = null,
    string? PostgresPassfile = null, int MaxOpenOrdersPerParticipant = Lem.Server.ServerOptions.DefaultMaxOpenOrdersPerParticipant,
    string? Cluster = null, bool Dashboard = false);
