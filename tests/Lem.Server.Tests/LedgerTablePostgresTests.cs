using System.Text.Json.Nodes;
using Lem.Ledger;
using Lem.Server.Store;
using Lem.Testing;
using Npgsql;

namespace Lem.Server.Tests;

/// <summary>
/// The ledger table on PostgreSQL (Npgsql), each test in a fresh schema. The reference is the chain built in memory by
/// <see cref="LedgerChain"/> and, as a second store, the same chain in SQLite.
/// </summary>
public sealed class LedgerTablePostgresTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("lem-ledger-pg-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [PostgresFact]
    public void CreateInsertReadAllLastRange_RoundTripsAndVerifies()
    {
        using var db = TestPostgres.CreateSchema();
        var key = Ed25519KeyPair.Generate();
        var chain = LedgerTestData.Chain(40, key, seed: 21);
        using var connection = db.Open();

        Assert.False(LedgerTable.Exists(connection));
        LedgerTable.CreateIfMissing(connection);
        LedgerTable.CreateIfMissing(connection);
        Assert.True(LedgerTable.Exists(connection));
        Assert.Null(LedgerTable.ReadLast(connection));
        Assert.Empty(LedgerTable.ReadAll(connection));

        using (var tx = connection.BeginTransaction())
        {
            foreach (var e in chain)
            {
                LedgerTable.Insert(connection, tx, e);
            }

            tx.Commit();
        }

        Assert.Equal(chain, LedgerTable.ReadAll(connection).ToList());
        Assert.Equal(chain[^1], LedgerTable.ReadLast(connection));
        Assert.Equal(chain[10..13], LedgerTable.ReadRange(connection, 11, 13));
        Assert.Equal(chain[..1], LedgerTable.ReadRange(connection, -5, 1));
        Assert.Empty(LedgerTable.ReadRange(connection, 41, 100));
        Assert.Empty(LedgerTable.ReadRange(connection, 20, 19));
        var result = LedgerVerifier.Verify(LedgerTable.ReadAll(connection), key.PublicKey);
        Assert.True(result.Ok, result.Reason);
        Assert.Equal(40, result.Count);
        Assert.Equal(chain[^1].Hash, result.HeadHash);

        // The columns are stored as the SQL the table declares: seq a bigint, the rest text, all NOT NULL.
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'ledger' ORDER BY ordinal_position";
        using var reader = command.ExecuteReader();
        var columns = new List<string>();
        while (reader.Read())
        {
            columns.Add($"{reader.GetString(0)} {reader.GetString(1)} {reader.GetString(2)}");
        }

        Assert.Equal(
            ["seq bigint NO", "kind text NO", "payload text NO", "prev_hash text NO", "hash text NO", "timestamp text NO", "signature text NO"],
            columns);
    }

    [PostgresFact]
    public void SameChainInSqliteAndPostgres_ReadsBackIdentically()
    {
        var key = Ed25519KeyPair.Generate();
        var chain = LedgerTestData.Chain(60, key, seed: 22);
        using var db = TestPostgres.CreateSchema();
        using var pg = db.Open();
        LedgerTable.CreateIfMissing(pg);
        using var sqlite = DataFolder.OpenDatabase(dir);
        LedgerTable.CreateIfMissing(sqlite);
        foreach (var e in chain)
        {
            LedgerTable.Insert(pg, null, e);
            LedgerTable.Insert(sqlite, null, e);
        }

        var fromPg = LedgerTable.ReadAll(pg).ToList();
        var fromSqlite = LedgerTable.ReadAll(sqlite).ToList();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        Assert.Equal(fromSqlite, fromPg);
        Assert.Equal(chain, fromPg);
        Assert.Contains(fromPg, e => e.PayloadJson.Contains("caf\u00e9 \u20ac", StringComparison.Ordinal));
    }

    [PostgresFact]
    public void AppendInTransactions_ContinuesTheChain_RollbackLeavesNoRecord_DuplicateRefused()
    {
        using var db = TestPostgres.CreateSchema();
        var key = Ed25519KeyPair.Generate();
        using var connection = db.Open();
        LedgerTable.CreateIfMissing(connection);
        var appended = new List<LedgerEntry>();
        for (var i = 0; i < 6; i++)
        {
            using var tx = connection.BeginTransaction();
            appended.Add(LedgerTable.Append(connection, tx, i % 3 == 2 ? "gate.cleared" : "order.accepted", new JsonObject { ["i"] = i, ["quantity_kwh"] = 10 * i }, LedgerTestData.Start.AddMinutes(i), key));
            tx.Commit();
        }

        // A rolled-back append leaves nothing behind, and the next append reuses its number.
        using (var tx = connection.BeginTransaction())
        {
            var discarded = LedgerTable.Append(connection, tx, "order.accepted", new JsonObject { ["discarded"] = true }, LedgerTestData.Start.AddHours(1), key);
            Assert.Equal(7, discarded.Sequence);
            Assert.Equal(discarded, LedgerTable.ReadLast(connection, tx));
            tx.Rollback();
        }

        Assert.Equal(appended[^1], LedgerTable.ReadLast(connection));
        using (var tx = connection.BeginTransaction())
        {
            appended.Add(LedgerTable.Append(connection, tx, "order.cancelled", new JsonObject { ["order_id"] = "o-1" }, LedgerTestData.Start.AddHours(2), key));
            tx.Commit();
        }

        var all = LedgerTable.ReadAll(connection).ToList();
        Assert.Equal([1L, 2, 3, 4, 5, 6, 7], all.Select(e => e.Sequence));
        Assert.Equal(appended, all);

        // The reference: the same appends through LedgerChain in memory give the same hashes (the signatures are
        // deterministic Ed25519, so the records are equal).
        LedgerEntry? last = null;
        var expected = new List<LedgerEntry>();
        foreach (var e in all)
        {
            last = LedgerChain.Append(last, e.Kind, JsonNode.Parse(e.PayloadJson)!, DateTimeOffset.Parse(e.Timestamp, System.Globalization.CultureInfo.InvariantCulture), key);
            expected.Add(last);
        }

        Assert.Equal(expected, all);
        Assert.True(LedgerVerifier.Verify(all, key.PublicKey).Ok);

        // A fork (a second record 7) is impossible: the primary key refuses it with a unique violation.
        var fork = LedgerChain.Append(all[5], "order.accepted", new JsonObject { ["forged"] = true }, LedgerTestData.Start, key);
        var ex = Assert.Throws<PostgresException>(() => LedgerTable.Insert(connection, null, fork));
        Assert.Equal(PostgresErrorCodes.UniqueViolation, ex.SqlState);
        Assert.Equal(7, LedgerTable.ReadAll(connection).Count());
    }

    [PostgresFact]
    public void Exists_SeesOnlyTheConnectionsSchema()
    {
        using var withTable = TestPostgres.CreateSchema();
        using var without = TestPostgres.CreateSchema();
        using (var a = withTable.Open())
        {
            LedgerTable.CreateIfMissing(a);
            Assert.True(LedgerTable.Exists(a));
        }

        using var b = without.Open();
        Assert.False(LedgerTable.Exists(b));
    }

    [PostgresFact]
    public void UpdatedRow_ReadsAsStored_VerifierNamesIt()
    {
        using var db = TestPostgres.CreateSchema();
        var key = Ed25519KeyPair.Generate();
        var chain = LedgerTestData.Chain(8, key, seed: 23);
        using var connection = db.Open();
        LedgerTable.CreateIfMissing(connection);
        foreach (var e in chain)
        {
            LedgerTable.Insert(connection, null, e);
        }

        using (var command = connection.CreateCommand())
        {
            command.CommandText = "UPDATE ledger SET kind = 'order.cancelled' WHERE seq = 5 AND kind <> 'order.cancelled'";
            if (command.ExecuteNonQuery() == 0)
            {
                command.CommandText = "UPDATE ledger SET kind = 'order.accepted' WHERE seq = 5";
                Assert.Equal(1, command.ExecuteNonQuery());
            }
        }

        var read = LedgerTable.ReadAll(connection).ToList();
        Assert.NotEqual(chain[4].Kind, read[4].Kind);
        Assert.Equal(chain[4] with { Kind = read[4].Kind }, read[4]);
        var result = LedgerVerifier.Verify(read, key.PublicKey);
        Assert.Equal((false, 5L, LedgerCheck.HashMismatch), (result.Ok, result.FirstBadSequence, result.FailedCheck));
    }

    [PostgresFact]
    public void TestPostgres_Dispose_DropsTheSchemaAndTheDatabase()
    {
        string schema;
        using (var db = TestPostgres.CreateSchema())
        {
            schema = db.Name;
            Assert.Equal(1L, Scalar(TestPostgres.ServerConnectionString, $"SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = '{schema}'"));
        }

        Assert.Equal(0L, Scalar(TestPostgres.ServerConnectionString, $"SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = '{schema}'"));

        string database;
        using (var db = TestPostgres.CreateDatabase())
        {
            database = db.Name;
            using var connection = db.Open();
            LedgerTable.CreateIfMissing(connection);
            Assert.True(LedgerTable.Exists(connection));
            Assert.Equal(database, Scalar(db.ConnectionString, "SELECT current_database()"));
        }

        Assert.Equal(0L, Scalar(TestPostgres.ServerConnectionString, $"SELECT COUNT(*) FROM pg_database WHERE datname = '{database}'"));
    }

    private static object Scalar(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar()!;
    }
}
