using System.Globalization;
using System.Text.Json.Nodes;
using Lem.Ledger;
using Lem.Server.Store;
using Lem.Testing;
using Npgsql;

namespace Lem.Server.Tests;

/// <summary>
/// The store of a cluster node's markets (docs/cluster-server.md, "Connections and the schema lock"): many market schemas
/// share one bounded pool and one lock session, each schema keeps its own log and ledger; a schema held by one node is
/// refused to another node and to <c>lem serve --postgres</c>; a node whose lock session is gone writes nothing more.
/// </summary>
public sealed class PooledPostgresStoreTests
{
    private static readonly NodaTime.Instant Time0 = NodaTime.Instant.FromUtc(2026, 3, 1, 8, 0);

    [PostgresFact]
    public void Forty_markets_commit_concurrently_through_a_pool_of_three_connections_each_into_its_own_schema()
    {
        using var pg = TestPostgres.CreateDatabase();
        var app = "lem-pool-" + Guid.NewGuid().ToString("N")[..12];
        using var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(pg.ConnectionString) { ApplicationName = app, MaxPoolSize = 3 }.ConnectionString);
        using var locks = new PostgresSchemaLocks(new NpgsqlConnectionStringBuilder(pg.ConnectionString) { ApplicationName = app + "-locks" }.ConnectionString);
        var key = Ed25519KeyPair.Generate();
        var schemas = Enumerable.Range(0, 40).Select(i => $"lem_m_pool_{i:00}").ToList();
        var stores = schemas.Select(s => new PooledPostgresMarketStore(dataSource, s, locks)).ToList();
        try
        {
            Assert.Equal(40, locks.Count);
            foreach (var store in stores)
            {
                var loaded = store.Load();
                Assert.Empty(loaded.Commands);
            }

            // Two batches per market, all markets at once: 40 writers, 3 connections.
            var maxSeen = 0;
            Parallel.For(0, stores.Count, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            {
                var first = Batch(1, null, key, schemas[i] + "/1");
                stores[i].Commit(first);
                stores[i].Commit(Batch(2, first.LedgerEntries[0], key, schemas[i] + "/2"));
                var seen = Sessions(pg, app);
                InterlockedMax(ref maxSeen, seen);
            });

            Assert.InRange(maxSeen, 1, 3);
            Assert.Equal(1, Sessions(pg, app + "-locks"));
            foreach (var schema in schemas)
            {
                using var c = pg.Open();
                MarketTablesSearchPath(c, schema);
                var entries = LedgerTable.ReadAll(c).ToList();
                Assert.Equal(2, entries.Count);
                Assert.True(LedgerVerifier.Verify(entries, key.PublicKey).Ok);
                using var cmd = c.CreateCommand();
                cmd.CommandText = "SELECT payload FROM commands ORDER BY seq";
                using var r = cmd.ExecuteReader();
                var notes = new List<string>();
                while (r.Read())
                {
                    notes.Add(JsonNode.Parse(r.GetString(0))!["note"]!.GetValue<string>());
                }

                Assert.Equal([schema + "/1", schema + "/2"], notes);
            }
        }
        finally
        {
            foreach (var s in stores)
            {
                s.Dispose();
            }
        }

        Assert.Equal(0, locks.Count);
    }

    [PostgresFact]
    public void A_held_schema_is_refused_to_another_node_and_to_a_single_server_and_a_lost_lock_session_writes_nothing()
    {
        using var pg = TestPostgres.CreateDatabase();
        var app = "lem-fence-" + Guid.NewGuid().ToString("N")[..12];
        using var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(pg.ConnectionString) { ApplicationName = app }.ConnectionString);
        using var nodeA = new PostgresSchemaLocks(new NpgsqlConnectionStringBuilder(pg.ConnectionString) { ApplicationName = app + "-a" }.ConnectionString);
        using var nodeB = new PostgresSchemaLocks(new NpgsqlConnectionStringBuilder(pg.ConnectionString) { ApplicationName = app + "-b" }.ConnectionString);
        var key = Ed25519KeyPair.Generate();
        const string schema = "lem_m_fenced";

        var onA = new PooledPostgresMarketStore(dataSource, schema, nodeA);
        onA.Load();
        var first = Batch(1, null, key, "first");
        onA.Commit(first);

        // The same schema on another node, or for a single server (same lock key), or twice on one node: refused.
        Assert.StartsWith("another lem serve", Assert.Throws<IOException>(() => new PooledPostgresMarketStore(dataSource, schema, nodeB)).Message, StringComparison.Ordinal);
        Assert.StartsWith("another lem serve", Assert.Throws<IOException>(() => new PooledPostgresMarketStore(dataSource, schema, nodeA)).Message, StringComparison.Ordinal);
        var single = new NpgsqlConnectionStringBuilder(pg.ConnectionString) { SearchPath = schema }.ConnectionString;
        Assert.Throws<IOException>(() => new PostgresMarketStore(single));

        // Node A's lock session dies (as when PostgreSQL ends it): A's next commit finds its lock gone and writes nothing.
        Assert.Equal(1, pg.TerminateSessions(app + "-a"));
        var second = Batch(2, first.LedgerEntries[0], key, "second");
        Assert.Throws<InvalidDataException>(() => onA.Commit(second));
        Assert.Equal((1L, 1L), Counts(pg, schema));

        // The lock is free: node B opens the market, replays one command and goes on.
        using (var onB = new PooledPostgresMarketStore(dataSource, schema, nodeB))
        {
            Assert.Single(onB.Load().Commands);
            onB.Commit(second);
            Assert.Equal((2L, 2L), Counts(pg, schema));
        }

        onA.Dispose();
    }

    /// <summary>A batch of one command and its ledger entry, chained after <paramref name="previous"/>.</summary>
    private static StoreBatch Batch(long sequence, LedgerEntry? previous, Ed25519KeyPair key, string note)
    {
        var batch = new StoreBatch();
        var payload = new JsonObject { ["note"] = note };
        batch.Commands.Add(new StoredCommand(sequence, Time0, "test", payload.ToJsonString()));
        batch.LedgerEntries.Add(LedgerChain.Append(previous, "batch", new JsonObject { ["records"] = new JsonArray(payload.DeepClone()) }, Time0.ToDateTimeOffset(), key));
        return batch;
    }

    private static void MarketTablesSearchPath(NpgsqlConnection c, string schema)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"SET search_path TO {schema}";
        cmd.ExecuteNonQuery();
    }

    private static (long Commands, long Ledger) Counts(TestPostgres pg, string schema)
    {
        using var c = pg.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT (SELECT COUNT(*) FROM {schema}.commands), (SELECT COUNT(*) FROM {schema}.ledger)";
        using var r = cmd.ExecuteReader();
        r.Read();
        return (r.GetInt64(0), r.GetInt64(1));
    }

    /// <summary>The sessions with this application name.</summary>
    private static int Sessions(TestPostgres pg, string applicationName)
    {
        using var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(pg.ConnectionString) { Pooling = false }.ConnectionString);
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = $1";
        cmd.Parameters.Add(new NpgsqlParameter { Value = applicationName });
        return Convert.ToInt32(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }


    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
