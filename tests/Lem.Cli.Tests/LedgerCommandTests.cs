using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lem.Ledger;
using Lem.Server.Store;
using Microsoft.Data.Sqlite;

namespace Lem.Cli.Tests;

public sealed class LedgerCommandTests : IDisposable
{
    private const int Records = 50;
    private static readonly string[] TextColumns = ["kind", "payload", "prev_hash", "hash", "timestamp", "signature"];
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    private readonly string dir = Directory.CreateTempSubdirectory("lem-ledger-cli-").FullName;

    public LedgerCommandTests()
    {
        var key = ServerKeyFile.LoadOrCreate(dir);
        using var connection = DataFolder.OpenDatabase(dir);
        LedgerTable.CreateIfMissing(connection);
        var random = new Random(42);
        var start = new DateTimeOffset(2026, 6, 21, 8, 0, 0, TimeSpan.Zero);
        using var tx = connection.BeginTransaction();
        for (var i = 0; i < Records; i++)
        {
            var kind = i % 10 == 9 ? "gate.cleared" : "order.accepted";
            var payload = new JsonObject
            {
                ["order_id"] = $"o-{i}",
                ["participant"] = $"p{random.Next(8)}",
                ["price_eur_per_mwh"] = Math.Round(random.NextDouble() * 100, 2),
                ["quantity_kwh"] = random.Next(1, 100),
                ["note"] = i == 24 ? "\u00e9\u20ac" : null,
            };
            LedgerTable.Append(connection, tx, kind, payload, start.AddSeconds(i * 7.25), key);
        }

        tx.Commit();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(dir, recursive: true);
    }

    private (int Exit, JsonElement Json) VerifyJson(params string[] extra)
    {
        var (exit, output, err) = CliRunner.Run(["ledger", "verify", "--data", dir, "--format", "json", .. extra]);
        Assert.True(exit is 0 or 1, output + err);
        using var doc = JsonDocument.Parse(output);
        return (exit, doc.RootElement.Clone());
    }

    private static SqliteConnection OpenRaw(string dir)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DataFolder.DatabasePath(dir), Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static object Read(SqliteConnection c, string column, long seq)
    {
        using var command = c.CreateCommand();
        command.CommandText = $"SELECT {column} FROM ledger WHERE seq = @seq";
        command.Parameters.AddWithValue("@seq", seq);
        return command.ExecuteScalar()!;
    }

    private static void Write(SqliteConnection c, string column, long seq, object value)
    {
        using var command = c.CreateCommand();
        command.CommandText = $"UPDATE ledger SET {column} = @v WHERE seq = @seq";
        command.Parameters.AddWithValue("@seq", seq);
        command.Parameters.AddWithValue("@v", value);
        Assert.Equal(1, command.ExecuteNonQuery());
    }

    // Text stays text when the flipped bytes are still UTF-8; otherwise they go in as a blob, as a byte-level edit of the
    // file would leave them.
    private static object AsStored(byte[] bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return bytes;
        }
    }

    [Fact]
    public void Verify_UntouchedLedger_ValidWith50Records()
    {
        var (exit, json) = VerifyJson();

        Assert.Equal(0, exit);
        Assert.True(json.GetProperty("valid").GetBoolean());
        Assert.Equal(Records, json.GetProperty("records").GetInt64());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("first_bad_sequence").ValueKind);
        using var c = OpenRaw(dir);
        Assert.Equal((string)Read(c, "hash", Records), json.GetProperty("head_hash").GetString());
    }

    [Fact]
    public void Verify_ExpectHead_TheHeadPasses_ACutOrRewrittenChainFails()
    {
        string head;
        using (var c = OpenRaw(dir))
        {
            head = (string)Read(c, "hash", Records);
        }

        var (exit, json) = VerifyJson("--expect-head", $"{Records}:{head}");
        Assert.Equal(0, exit);
        Assert.Equal(Records, json.GetProperty("head_sequence").GetInt64());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("commands").ValueKind);

        // An earlier record of the chain is a valid expected head too; a later one is missing.
        using (var c = OpenRaw(dir))
        {
            Assert.Equal(0, VerifyJson("--expect-head", $"10:{(string)Read(c, "hash", 10)}").Exit);
        }

        (exit, json) = VerifyJson("--expect-head", $"{Records + 3}:{head}");
        Assert.Equal(1, exit);
        Assert.Equal("ledger_cut", json.GetProperty("check").GetString());
        Assert.Equal(Records + 1, json.GetProperty("first_bad_sequence").GetInt64());

        (exit, json) = VerifyJson("--expect-head", $"{Records}:{new string('a', 64)}");
        Assert.Equal(1, exit);
        Assert.Equal("head_mismatch", json.GetProperty("check").GetString());
        Assert.Equal(Records, json.GetProperty("first_bad_sequence").GetInt64());

        // Cutting the last record leaves a valid chain that only the expected head shows to be short.
        using (var c = OpenRaw(dir))
        {
            using var delete = c.CreateCommand();
            delete.CommandText = $"DELETE FROM ledger WHERE seq = {Records}";
            Assert.Equal(1, delete.ExecuteNonQuery());
        }

        Assert.Equal(0, VerifyJson().Exit);
        (exit, json) = VerifyJson("--expect-head", $"{Records}:{head}");
        Assert.Equal(1, exit);
        Assert.Equal("ledger_cut", json.GetProperty("check").GetString());
        Assert.Equal(Records, json.GetProperty("first_bad_sequence").GetInt64());

        var (textExit, output, err) = CliRunner.Run("ledger", "verify", "--data", dir, "--expect-head", $"{Records}:{head}");
        Assert.Equal(1, textExit);
        Assert.Contains($"first bad record {Records}", output, StringComparison.Ordinal);
        Assert.Contains("ledger cut", output, StringComparison.Ordinal);
        CliRunner.AssertNoStackTrace(output + err);
    }

    [Theory]
    [InlineData("12")]
    [InlineData("x:00")]
    [InlineData("-1:0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("3:abc")]
    public void Verify_MalformedExpectHead_IsAUsageMistake(string head)
    {
        var (exit, output, err) = CliRunner.Run("ledger", "verify", "--data", dir, "--expect-head", head);
        Assert.Equal(2, exit);
        Assert.Contains("--expect-head", output + err, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_Text_ValidAndInvalid()
    {
        var (exit, output, _) = CliRunner.Run("ledger", "verify", "--data", dir);
        Assert.Equal(0, exit);
        Assert.Contains("valid", output, StringComparison.Ordinal);
        Assert.Contains("50 records", output, StringComparison.Ordinal);

        using (var c = OpenRaw(dir))
        {
            Write(c, "kind", 12, "order.cancelled");
        }

        (exit, output, var err) = CliRunner.Run("ledger", "verify", "--data", dir);
        Assert.Equal(1, exit);
        Assert.Contains("first bad record 12", output, StringComparison.Ordinal);
        Assert.Contains("hash mismatch", output, StringComparison.Ordinal);
        CliRunner.AssertNoStackTrace(output + err);
    }

    /// <summary>
    /// The tamper test. One byte at a time, in every column of sampled records, is flipped (all eight bits) directly in the
    /// table, and <c>lem ledger verify</c> must name that record; the value is restored before the next flip. Every check
    /// of record k reads only record k and the stored hash of record k − 1, so a flip in record k is reported at k itself
    /// and never earlier: text columns fail the link, canonical-payload, hash or signature check of k. The one exception
    /// in form is <c>seq</c> (flipped in its 8-byte big-endian form): a number above the others leaves a gap at k, which is
    /// reported as k; a negative number (the top byte flipped) sorts first and is reported by that new number, the row's
    /// current key, because the verifier names the smaller of the expected and the found sequence.
    /// </summary>
    [Trait("Category", "Heavy")]
    [Fact]
    public void Verify_EveryFlippedByteOfSampledRecords_NamesThatRecord()
    {
        long[] sample = [1, 2, 25, 49, Records];
        var flips = 0;
        using var c = OpenRaw(dir);
        foreach (var seq in sample)
        {
            // The sequence number.
            var seqBytes = new byte[8];
            BinaryPrimitives.WriteInt64BigEndian(seqBytes, seq);
            for (var i = 0; i < 8; i++)
            {
                var flipped = (byte[])seqBytes.Clone();
                flipped[i] ^= 0xFF;
                var newSeq = BinaryPrimitives.ReadInt64BigEndian(flipped);
                Write(c, "seq", seq, newSeq);
                var (exit, json) = VerifyJson();
                Write(c, "seq", newSeq, seq);
                flips++;
                Assert.Equal(1, exit);
                Assert.Equal(Math.Min(seq, newSeq), json.GetProperty("first_bad_sequence").GetInt64());
                Assert.Equal("sequence_gap", json.GetProperty("check").GetString());
            }

            foreach (var column in TextColumns)
            {
                var original = (string)Read(c, column, seq);
                var bytes = Encoding.UTF8.GetBytes(original);
                for (var i = 0; i < bytes.Length; i++)
                {
                    var flipped = (byte[])bytes.Clone();
                    flipped[i] ^= 0xFF;
                    Write(c, column, seq, AsStored(flipped));
                    var (exit, json) = VerifyJson();
                    Write(c, column, seq, original);
                    flips++;
                    Assert.True(exit == 1, $"{column} byte {i} of record {seq}: {json}");
                    Assert.Equal(seq, json.GetProperty("first_bad_sequence").GetInt64());
                    Assert.False(json.GetProperty("valid").GetBoolean());
                }
            }
        }

        Assert.True(flips > 1500, $"{flips} flips");
        Assert.Equal(0, VerifyJson().Exit);
    }

    /// <summary>
    /// Single-bit flips keep ASCII text ASCII (so the edit stays well-formed text, e.g. a digit of a price or a hex digit of
    /// a hash becomes another one); and whole-column flips (every byte at once). Both must name the record.
    /// </summary>
    [Trait("Category", "Heavy")]
    [Fact]
    public void Verify_LowBitFlipsAndWholeColumnFlips_NameThatRecord()
    {
        using var c = OpenRaw(dir);
        var checks = new HashSet<string>();
        foreach (var seq in new long[] { 25, 3 })
        {
            foreach (var column in TextColumns)
            {
                var original = (string)Read(c, column, seq);
                var bytes = Encoding.UTF8.GetBytes(original);
                for (var i = 0; i < bytes.Length; i++)
                {
                    var flipped = (byte[])bytes.Clone();
                    flipped[i] ^= 0x01;
                    Write(c, column, seq, AsStored(flipped));
                    var (exit, json) = VerifyJson();
                    Write(c, column, seq, original);
                    Assert.True(exit == 1, $"{column} byte {i} of record {seq}: {json}");
                    Assert.Equal(seq, json.GetProperty("first_bad_sequence").GetInt64());
                    checks.Add(json.GetProperty("check").GetString()!);
                }
            }
        }

        foreach (var seq in new long[] { 10, 40 })
        {
            foreach (var column in TextColumns)
            {
                var original = (string)Read(c, column, seq);
                var flipped = Encoding.UTF8.GetBytes(original).Select(b => (byte)(b ^ 0xFF)).ToArray();
                Write(c, column, seq, AsStored(flipped));
                var (exit, json) = VerifyJson();
                Write(c, column, seq, original);
                Assert.Equal(1, exit);
                Assert.Equal(seq, json.GetProperty("first_bad_sequence").GetInt64());
            }
        }

        // The flips exercised every kind of check a single edit can trip.
        Assert.Superset(new HashSet<string> { "previous_hash_mismatch", "non_canonical_payload", "hash_mismatch", "bad_signature" }, checks);
        Assert.Equal(0, VerifyJson().Exit);
    }

    [Fact]
    public void Verify_DeletedRecord_NamesIt()
    {
        using (var c = OpenRaw(dir))
        {
            using var command = c.CreateCommand();
            command.CommandText = "DELETE FROM ledger WHERE seq = 31";
            command.ExecuteNonQuery();
        }

        var (exit, json) = VerifyJson();

        Assert.Equal(1, exit);
        Assert.Equal(31, json.GetProperty("first_bad_sequence").GetInt64());
        Assert.Equal("sequence_gap", json.GetProperty("check").GetString());
        Assert.Equal(Records - 1, json.GetProperty("records").GetInt64());
    }

    [Fact]
    public void Verify_ReorderedRecords_NamesTheFirst()
    {
        // Swap the contents of rows 20 and 21 (numbers stay in place), as a reordering in the table would.
        using (var c = OpenRaw(dir))
        {
            var a = TextColumns.ToDictionary(col => col, col => (string)Read(c, col, 20));
            var b = TextColumns.ToDictionary(col => col, col => (string)Read(c, col, 21));
            foreach (var col in TextColumns)
            {
                Write(c, col, 20, b[col]);
                Write(c, col, 21, a[col]);
            }
        }

        var (exit, json) = VerifyJson();

        Assert.Equal(1, exit);
        Assert.Equal(20, json.GetProperty("first_bad_sequence").GetInt64());
        Assert.Equal("previous_hash_mismatch", json.GetProperty("check").GetString());
    }

    [Fact]
    public void Verify_WrongServerKey_BadSignatureAtRecord1()
    {
        var (exit, json) = VerifyJson("--public-key", Ed25519KeyPair.Generate().PublicKeyBase64);

        Assert.Equal(1, exit);
        Assert.Equal(1, json.GetProperty("first_bad_sequence").GetInt64());
        Assert.Equal("bad_signature", json.GetProperty("check").GetString());

        (exit, json) = VerifyJson("--public-key", ServerKeyFile.Load(dir).PublicKeyBase64);
        Assert.Equal(0, exit);
    }

    [Fact]
    public void Verify_ReplacedKeyFile_BadSignature()
    {
        File.Delete(ServerKeyFile.PathIn(dir));
        ServerKeyFile.LoadOrCreate(dir);

        var (exit, json) = VerifyJson();

        Assert.Equal(1, exit);
        Assert.Equal("bad_signature", json.GetProperty("check").GetString());
    }

    [Fact]
    public void Verify_UsageMistakes_Exit2WithClearMessage()
    {
        var missing = Path.Combine(dir, "nope");
        var empty = Directory.CreateDirectory(Path.Combine(dir, "empty")).FullName;
        (string[] Args, string Expected)[] cases =
        [
            (["ledger", "verify", "--data", missing], "does not exist"),
            (["ledger", "verify", "--data", empty], "no database lem.db"),
            (["ledger", "verify"], "exactly one of --data"),
            (["ledger", "verify", "--data", dir, "--postgres", "Host=localhost"], "exactly one of --data"),
            (["ledger", "verify", "--postgres", "Host=localhost"], "--public-key"),
            (["ledger", "verify", "--data", dir, "--public-key", "abc!"], "--public-key is not base64"),
            (["ledger", "verify", "--data", dir, "--public-key", "AAAA"], "32-byte"),
        ];
        foreach (var (args, expected) in cases)
        {
            var (exit, output, err) = CliRunner.Run(args);
            Assert.True(exit == 2, string.Join(' ', args) + ": " + output + err);
            Assert.Contains(expected, err, StringComparison.Ordinal);
            CliRunner.AssertNoStackTrace(output + err);
        }

        File.Delete(ServerKeyFile.PathIn(dir));
        var (code, _, message) = CliRunner.Run("ledger", "verify", "--data", dir);
        Assert.Equal(2, code);
        Assert.Contains("server-ed25519.key", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_DatabaseWithoutLedgerTable_Invalid()
    {
        var other = Directory.CreateDirectory(Path.Combine(dir, "other")).FullName;
        ServerKeyFile.LoadOrCreate(other);
        using (var c = DataFolder.OpenDatabase(other))
        {
            using var command = c.CreateCommand();
            command.CommandText = "CREATE TABLE t (x INTEGER)";
            command.ExecuteNonQuery();
        }

        var (exit, output, err) = CliRunner.Run("ledger", "verify", "--data", other, "--format", "json");

        Assert.Equal(1, exit);
        Assert.Contains("no ledger table", output, StringComparison.Ordinal);
        CliRunner.AssertNoStackTrace(output + err);
    }

    [Fact]
    public void ProofVerify_TradeOfAGate_IncludedAndTamperedNot()
    {
        byte[][] trades = Enumerable.Range(0, 7).Select(i => CanonicalJson.Serialize(new JsonObject { ["trade"] = i, ["quantity_kwh"] = 10 + i })).ToArray();
        var root = Convert.ToHexStringLower(MerkleTree.Root(trades));
        var proofPath = Path.Combine(dir, "proof.json");
        var leafPath = Path.Combine(dir, "leaf.json");
        File.WriteAllText(proofPath, MerkleTree.InclusionProof(trades, 4).ToJson().ToJsonString());
        File.WriteAllBytes(leafPath, trades[4]);

        var (exit, output, err) = CliRunner.Run("ledger", "proof-verify", "--root", root, "--proof", proofPath, "--leaf", leafPath, "--format", "json");
        Assert.True(exit == 0, output + err);
        using (var doc = JsonDocument.Parse(output))
        {
            Assert.True(doc.RootElement.GetProperty("valid").GetBoolean());
            Assert.Equal(4, doc.RootElement.GetProperty("leaf_index").GetInt64());
            Assert.Equal(7, doc.RootElement.GetProperty("tree_size").GetInt64());
        }

        (exit, _, _) = CliRunner.Run("ledger", "proof-verify", "--root", root, "--proof", proofPath, "--leaf-hex", Convert.ToHexString(trades[4]));
        Assert.Equal(0, exit);

        File.WriteAllBytes(leafPath, trades[5]);
        (exit, output, _) = CliRunner.Run("ledger", "proof-verify", "--root", root, "--proof", proofPath, "--leaf", leafPath);
        Assert.Equal(1, exit);
        Assert.Contains("NOT", output, StringComparison.Ordinal);

        (exit, _, err) = CliRunner.Run("ledger", "proof-verify", "--root", "12", "--proof", proofPath, "--leaf", leafPath);
        Assert.Equal(2, exit);
        Assert.Contains("--root", err, StringComparison.Ordinal);

        File.WriteAllText(proofPath, "{\"leaf_index\": 1, \"tree_size\": 7, \"audit_path\": [\"xyz\"]}");
        (exit, _, err) = CliRunner.Run("ledger", "proof-verify", "--root", root, "--proof", proofPath, "--leaf", leafPath);
        Assert.Equal(1, exit);
        Assert.Contains("audit_path[0]", err, StringComparison.Ordinal);
    }
}
