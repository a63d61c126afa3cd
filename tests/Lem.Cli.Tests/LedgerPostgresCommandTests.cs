using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lem.Ledger;
using Lem.Server.Store;
using Lem.Testing;
using Npgsql;

namespace Lem.Cli.Tests;

/// <summary>
/// <c>lem ledger verify --postgres</c> against the test PostgreSQL server: a 50-record ledger in a fresh schema per test,
/// edited with plain SQL UPDATE and DELETE statements as someone with write access to the database would.
/// </summary>
public sealed class LedgerPostgresCommandTests
{
    private const int Records = 50;
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    // What a changed byte in a column of record k may trip, always at k itself (the checks of k read only record k
    // and the stored hash of record k − 1).
    private static readonly Dictionary<string, string[]> ChecksByColumn = new()
    {
        ["prev_hash"] = ["previous_hash_mismatch"],
        ["kind"] = ["malformed_record", "hash_mismatch"],
        ["timestamp"] = ["malformed_record", "hash_mismatch"],
        ["payload"] = ["non_canonical_payload", "hash_mismatch"],
        ["hash"] = ["hash_mismatch"],
        ["signature"] = ["bad_signature"],
    };

    private static (TestPostgres Db, Ed25519KeyPair Key) CreateLedger()
    {
        var db = TestPostgres.CreateSchema();
        var key = Ed25519KeyPair.Generate();
        using var connection = db.Open();
        LedgerTable.CreateIfMissing(connection);
        var random = new Random(7);
        var start = new DateTimeOffset(2026, 6, 21, 8, 0, 0, TimeSpan.Zero);
        using var tx = connection.BeginTransaction();
        for (var i = 0; i < Records; i++)
        {
            var payload = new JsonObject
            {
                ["order_id"] = $"o-{i}",
                ["participant"] = $"p{random.Next(8)}",
                ["price_eur_per_mwh"] = Math.Round(random.NextDouble() * 100, 2),
                ["quantity_kwh"] = random.Next(1, 100),
                ["note"] = i == 25 ? "\u00e9\u20ac" : null,
            };
            LedgerTable.Append(connection, tx, i % 10 == 9 ? "gate.cleared" : "order.accepted", payload, start.AddSeconds(i * 7.25), key);
        }

        tx.Commit();
        return (db, key);
    }

    private static (int Exit, JsonElement Json) VerifyJson(TestPostgres db, Ed25519KeyPair key)
    {
        var (exit, output, err) = CliRunner.Run("ledger", "verify", "--postgres", db.ConnectionString, "--public-key", key.PublicKeyBase64, "--format", "json");
        Assert.True(exit is 0 or 1, output + err);
        using var doc = JsonDocument.Parse(output);
        return (exit, doc.RootElement.Clone());
    }

    private static object? Scalar(NpgsqlConnection c, string sql, long seq)
    {
        using var command = c.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("seq", seq);
        return command.ExecuteScalar();
    }

    private static void Update(NpgsqlConnection c, string column, long seq, string value)
    {
        using var command = c.CreateCommand();
        command.CommandText = $"UPDATE ledger SET {column} = @v WHERE seq = @seq";
        command.Parameters.AddWithValue("seq", seq);
        command.Parameters.AddWithValue("v", value);
        Assert.Equal(1, command.ExecuteNonQuery());
    }

    private static int Execute(NpgsqlConnection c, string sql)
    {
        using var command = c.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }

    [PostgresFact]
    public void Verify_UntouchedLedger_ValidWith50Records()
    {
        var (db, key) = CreateLedger();
        using (db)
        {
            var (exit, json) = VerifyJson(db, key);

            Assert.Equal(0, exit);
            Assert.True(json.GetProperty("valid").GetBoolean());
            Assert.Equal(Records, json.GetProperty("records").GetInt64());
            Assert.Equal(JsonValueKind.Null, json.GetProperty("first_bad_sequence").ValueKind);
            using var c = db.Open();
            Assert.Equal((string)Scalar(c, "SELECT hash FROM ledger WHERE seq = @seq", Records)!, json.GetProperty("head_hash").GetString());

            var (code, output, err) = CliRunner.Run("ledger", "verify", "--postgres", db.ConnectionString, "--public-key", key.PublicKeyBase64);
            Assert.Equal(0, code);
            Assert.Contains("PostgreSQL: the ledger is valid", output, StringComparison.Ordinal);
            Assert.Contains("50 records", output, StringComparison.Ordinal);
            Assert.Equal(string.Empty, err);
        }
    }

    /// <summary>
    /// Bytes flipped with UPDATE in every column of records 1, 26 (the one with non-ASCII text) and 50, at the start,
    /// the middle and the end of the value (the lowest bit, so the text stays UTF-8, which PostgreSQL requires): each edit
    /// makes the ledger invalid at exactly that record, through a check that fits the column; the value is restored
    /// before the next edit.
    /// </summary>
    [PostgresFact]
    public void Verify_FlippedBytesInEachColumnOfSampledRecords_NamesThatRecord()
    {
        var (db, key) = CreateLedger();
        using (db)
        {
            using var c = db.Open();
            var seen = new HashSet<string>();
            var edits = 0;
            foreach (var seq in new long[] { 1, 26, Records })
            {
                foreach (var (column, allowed) in ChecksByColumn)
                {
                    var original = (string)Scalar(c, $"SELECT {column} FROM ledger WHERE seq = @seq", seq)!;
                    var bytes = Encoding.UTF8.GetBytes(original);
                    foreach (var i in new[] { 0, bytes.Length / 2, bytes.Length - 1 })
                    {
                        var flipped = (byte[])bytes.Clone();
                        flipped[i] ^= 0x01;
                        string text;
                        try
                        {
                            text = StrictUtf8.GetString(flipped);
                        }
                        catch (DecoderFallbackException)
                        {
                            continue;
                        }

                        Update(c, column, seq, text);
                        var (exit, json) = VerifyJson(db, key);
                        Update(c, column, seq, original);
                        edits++;
                        Assert.True(exit == 1, $"{column} byte {i} of record {seq}: {json}");
                        Assert.Equal(seq, json.GetProperty("first_bad_sequence").GetInt64());
                        var check = json.GetProperty("check").GetString()!;
                        Assert.True(allowed.Contains(check), $"{column} byte {i} of record {seq}: check {check}");
                        Assert.Contains($"record {seq}", json.GetProperty("reason").GetString(), StringComparison.Ordinal);
                        seen.Add(check);
                    }
                }
            }

            Assert.True(edits >= 48, $"only {edits} edits");
            Assert.Superset(new HashSet<string> { "previous_hash_mismatch", "non_canonical_payload", "hash_mismatch", "bad_signature" }, seen);
            Assert.Equal(0, VerifyJson(db, key).Exit);

            // The text form names the record too.
            Update(c, "kind", 12, "order.cancelled");
            var (code, output, err) = CliRunner.Run("ledger", "verify", "--postgres", db.ConnectionString, "--public-key", key.PublicKeyBase64);
            Assert.Equal(1, code);
            Assert.Contains("first bad record 12", output, StringComparison.Ordinal);
            Assert.Contains("hash mismatch", output, StringComparison.Ordinal);
            CliRunner.AssertNoStackTrace(output + err);
        }
    }

    [PostgresFact]
    public void Verify_DeletedAndRenumberedRecords_SequenceGap()
    {
        var (db, key) = CreateLedger();
        using (db)
        {
            using var c = db.Open();
            Assert.Equal(1, Execute(c, "UPDATE ledger SET seq = 1000 WHERE seq = 50"));
            var (exit, json) = VerifyJson(db, key);
            Assert.Equal(1, exit);
            Assert.Equal(50, json.GetProperty("first_bad_sequence").GetInt64());
            Assert.Equal("sequence_gap", json.GetProperty("check").GetString());

            Assert.Equal(1, Execute(c, "DELETE FROM ledger WHERE seq = 31"));
            (exit, json) = VerifyJson(db, key);
            Assert.Equal(1, exit);
            Assert.Equal(31, json.GetProperty("first_bad_sequence").GetInt64());
            Assert.Equal("sequence_gap", json.GetProperty("check").GetString());
            Assert.Equal(Records - 1, json.GetProperty("records").GetInt64());
        }
    }

    [PostgresFact]
    public void Verify_WrongServerKey_BadSignatureAtRecord1()
    {
        var (db, key) = CreateLedger();
        using (db)
        {
            var (exit, json) = VerifyJson(db, Ed25519KeyPair.Generate());

            Assert.Equal(1, exit);
            Assert.Equal(1, json.GetProperty("first_bad_sequence").GetInt64());
            Assert.Equal("bad_signature", json.GetProperty("check").GetString());
            Assert.Equal(0, VerifyJson(db, key).Exit);
        }
    }

    [PostgresFact]
    public void Verify_SchemaWithoutLedgerTable_Invalid()
    {
        using var db = TestPostgres.CreateSchema();

        var (exit, output, err) = CliRunner.Run("ledger", "verify", "--postgres", db.ConnectionString, "--public-key", Ed25519KeyPair.Generate().PublicKeyBase64, "--format", "json");

        Assert.Equal(1, exit);
        Assert.Contains("no ledger table", output, StringComparison.Ordinal);
        CliRunner.AssertNoStackTrace(output + err);
    }

    [PostgresFact]
    public void Verify_WrongPassword_Exit3CannotConnect()
    {
        var cs = new NpgsqlConnectionStringBuilder(TestPostgres.ServerConnectionString) { Password = "not-the-password", Pooling = false }.ConnectionString;

        var (exit, output, err) = CliRunner.Run("ledger", "verify", "--postgres", cs, "--public-key", Ed25519KeyPair.Generate().PublicKeyBase64);

        Assert.Equal(3, exit);
        Assert.Contains("--postgres: cannot connect", err, StringComparison.Ordinal);
        Assert.Contains("password authentication failed", err, StringComparison.Ordinal);
        CliRunner.AssertNoStackTrace(output + err);
    }

    /// <summary>No server is needed: a loopback port that was just free refuses the connection.</summary>
    [Fact]
    public void Verify_UnreachableServer_Exit3CannotConnect()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var cs = $"Host=127.0.0.1;Port={port};Database=lem_test;Username=lem;Password=lem;Timeout=5;Pooling=false";

        var (exit, output, err) = CliRunner.Run("ledger", "verify", "--postgres", cs, "--public-key", Ed25519KeyPair.Generate().PublicKeyBase64);

        Assert.Equal(3, exit);
        Assert.Contains("--postgres: cannot connect", err, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{port}", err, StringComparison.Ordinal);
        Assert.Equal(string.Empty, output);
        CliRunner.AssertNoStackTrace(output + err);
    }

    [Fact]
    public void Verify_MalformedConnectionString_Exit2()
    {
        var (exit, output, err) = CliRunner.Run("ledger", "verify", "--postgres", "Host=127.0.0.1;Colour=blue", "--public-key", Ed25519KeyPair.Generate().PublicKeyBase64);

        Assert.Equal(2, exit);
        Assert.Contains("--postgres", err, StringComparison.Ordinal);
        Assert.Contains("colour", err, StringComparison.OrdinalIgnoreCase);
        CliRunner.AssertNoStackTrace(output + err);
    }
}
