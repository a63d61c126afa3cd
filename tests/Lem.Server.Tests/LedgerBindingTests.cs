using System.Text;
using System.Text.Json.Nodes;
using Lem.Ledger;
using Lem.Server.Store;
using Microsoft.Data.Sqlite;

namespace Lem.Server.Tests;

/// <summary>
/// The command log is bound to the signed ledger and the end of the chain is pinned by a signed head: tampering with the
/// commands table, cutting the last ledger record, or cutting the last command with its record is detected by
/// <c>lem ledger verify</c> and refused by the server's start (in process and through <c>lem serve</c>).
/// </summary>
[Trait("Category", "Heavy")]
public sealed class LedgerBindingTests : IDisposable
{
    private const string SeqField = "ledger_seq";
    private const string HashField = "ledger_hash";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "lem-server-tests", "bind-" + Guid.NewGuid().ToString("N"));

    private string Dir => Path.Combine(_root, "data");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, true);
        }
    }

    /// <summary>A short trading session; returns the acknowledgement of the last order (a lone resting order, one command in its batch).</summary>
    private async Task<JsonObject> TradeAsync()
    {
        await using var t = await TestServer.StartAsync(Dir);
        t.OwnsFolder = false;
        await t.CreateMarket("m1", "continuous");
        var alice = await t.Register("alice");
        var bob = await t.Register("bob");
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(201, (await t.Order("m1", alice, $"a-{i}", "sell", 40m + i, 7m)).Status);
            Assert.Equal(201, (await t.Order("m1", bob, $"b-{i}", "buy", 41m, 3m)).Status);
        }

        var last = await t.Order("m1", alice, "last", "sell", 90m, 2m, slot: 1);
        Assert.Equal(201, last.Status);
        return last.Body!.AsObject();
    }

    private SqliteConnection OpenWritable()
    {
        var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DataFolder.DatabasePath(Dir), Pooling = false }.ToString());
        c.Open();
        return c;
    }

    private static object? Scalar(SqliteConnection c, string sql, params (string Name, object Value)[] parameters)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.AddWithValue(name, value);
        }

        return cmd.ExecuteScalar();
    }

    private static int Execute(SqliteConnection c, string sql, params (string Name, object Value)[] parameters)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.AddWithValue(name, value);
        }

        return cmd.ExecuteNonQuery();
    }

    private async Task<JsonObject> VerifyJsonAsync(params string[] extra)
    {
        var (exit, output, error) = await FaultServerProcess.RunAsync(["ledger", "verify", "--data", Dir, "--format", "json", .. extra]);
        var json = JsonNode.Parse(output)!.AsObject();
        json["exit"] = exit;
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        return json;
    }

    /// <summary>The server must refuse to start, in process and as <c>lem serve</c> (non-zero exit, the message, no stack trace).</summary>
    /// <summary>Checks that a store cut after record <paramref name="seq"/> is caught by verify with the acknowledged head and by the server's start.</summary>
    private async Task AssertCutDetectedAsync(long seq, string hash)
    {
        var expecting = await VerifyJsonAsync("--expect-head", $"{seq}:{hash}");
        Assert.Equal(1, expecting["exit"]!.GetValue<int>());
        Assert.Equal("ledger_cut", expecting["check"]!.GetValue<string>());
        Assert.Equal(seq, expecting["first_bad_sequence"]!.GetValue<long>());
        await AssertStartRefusedAsync($"ledger record {seq}", "ledger cut");
    }

    private async Task AssertStartRefusedAsync(params string[] expectedInMessage)
    {
        var refused = await Assert.ThrowsAsync<StoreIntegrityException>(() => TestServer.StartAsync(Dir));
        foreach (var text in expectedInMessage)
        {
            Assert.Contains(text, refused.Message, StringComparison.Ordinal);
        }

        var (exit, output, error) = await FaultServerProcess.RunAsync("serve", "--data", Dir, "--urls", "http://127.0.0.1:0", "--operator-key", TestServer.OperatorKey);
        Assert.NotEqual(0, exit);
        foreach (var text in expectedInMessage)
        {
            Assert.Contains(text, output + error, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("   at ", output + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changing_one_orders_quantity_in_the_commands_table_fails_verify_and_the_server_refuses_to_start()
    {
        await TradeAsync();
        Assert.Equal(0, (await VerifyJsonAsync())["exit"]!.GetValue<int>());

        long seq;
        using (var c = OpenWritable())
        {
            seq = (long)Scalar(c, "SELECT seq FROM commands WHERE kind = 'submit_order' AND payload LIKE '%\"a-3\"%'")!;
            var payload = JsonNode.Parse((string)Scalar(c, "SELECT payload FROM commands WHERE seq = $s", ("$s", seq))!)!.AsObject();
            Assert.Equal(7m, payload["quantity_kwh"]!.GetValue<decimal>());
            payload["quantity_kwh"] = 999;
            Assert.Equal(1, Execute(c, "UPDATE commands SET payload = $p WHERE seq = $s", ("$p", payload.ToJsonString()), ("$s", seq)));
        }

        var verdict = await VerifyJsonAsync();
        Assert.Equal(1, verdict["exit"]!.GetValue<int>());
        Assert.Equal("command_changed", verdict["check"]!.GetValue<string>());
        Assert.Equal(seq, verdict["first_bad_command"]!.GetValue<long>());
        Assert.NotNull(verdict["first_bad_sequence"]);
        await AssertStartRefusedAsync($"command {seq}", "changed command");
    }

    [Fact]
    public async Task Deleting_the_last_ledger_row_is_detected_with_the_acknowledged_head_and_by_the_servers_head_file()
    {
        var last = await TradeAsync();
        var seq = last[SeqField]!.GetValue<long>();
        var hash = last[HashField]!.GetValue<string>();
        using (var c = OpenWritable())
        {
            // The acknowledgement names the last stored record, as the table holds it.
            Assert.Equal(seq, (long)Scalar(c, "SELECT MAX(seq) FROM ledger")!);
            Assert.Equal(hash, (string)Scalar(c, "SELECT hash FROM ledger WHERE seq = $s", ("$s", seq))!);
            Assert.Equal(1, Execute(c, "DELETE FROM ledger WHERE seq = $s", ("$s", seq)));
        }

        var plain = await VerifyJsonAsync();
        Assert.Equal(1, plain["exit"]!.GetValue<int>());
        Assert.Equal("command_extra", plain["check"]!.GetValue<string>());

        await AssertCutDetectedAsync(seq, hash);
    }

    [Fact]
    public async Task Deleting_the_last_command_and_its_ledger_row_is_detected_with_the_acknowledged_head_and_by_the_servers_head_file()
    {
        var last = await TradeAsync();
        var seq = last[SeqField]!.GetValue<long>();
        var hash = last[HashField]!.GetValue<string>();
        using (var c = OpenWritable())
        {
            // The last record binds exactly the last command: cutting both leaves a consistent, shorter store.
            var payload = JsonNode.Parse((string)Scalar(c, "SELECT payload FROM ledger WHERE seq = $s", ("$s", seq))!)!;
            var commands = payload["records"]!.AsArray().Where(r => r!["kind"]!.GetValue<string>().StartsWith("command.", StringComparison.Ordinal)).ToList();
            var lastCommand = (long)Scalar(c, "SELECT MAX(seq) FROM commands")!;
            Assert.Equal(lastCommand, Assert.Single(commands)!["record"]!["sequence"]!.GetValue<long>());
            Assert.Equal(1, Execute(c, "DELETE FROM commands WHERE seq = $s", ("$s", lastCommand)));
            Assert.Equal(1, Execute(c, "DELETE FROM ledger WHERE seq = $s", ("$s", seq)));
        }

        // The shorter store is consistent in itself: only the head a client or the server kept shows the cut.
        Assert.Equal(0, (await VerifyJsonAsync())["exit"]!.GetValue<int>());
        await AssertCutDetectedAsync(seq, hash);
    }

    [Fact]
    public async Task Acknowledgements_carry_the_committed_record_the_head_is_signed_and_a_retry_keeps_its_first_answer_across_a_restart()
    {
        string firstBody;
        long lastSeq;
        string publicKey;
        string alice;
        await using (var t = await TestServer.StartAsync(Dir))
        {
            t.OwnsFolder = false;
            await t.CreateMarket("m1", "continuous");
            alice = await t.Register("alice");
            var first = await t.Order("m1", alice, "first", "sell", 50m, 4m);
            firstBody = first.Body!.ToJsonString();
            var firstSeq = first.Body![SeqField]!.GetValue<long>();
            var later = await t.Order("m1", alice, "later", "sell", 51m, 4m);
            lastSeq = later.Body![SeqField]!.GetValue<long>();
            Assert.True(lastSeq > firstSeq);

            // The retry after other commits gets its first answer again, ledger fields included.
            var retry = await t.Order("m1", alice, "first", "sell", 50m, 4m);
            Assert.Equal(firstBody, retry.Body!.ToJsonString());

            var head = (await t.Get("/v1/ledger/head")).Body!.AsObject();
            publicKey = (await t.Get("/v1/health")).Body!["server_public_key"]!.GetValue<string>();
            Assert.Equal(publicKey, head["public_key"]!.GetValue<string>());
            Assert.Equal(lastSeq, head["seq"]!.GetValue<long>());
            Assert.Equal(later.Body![HashField]!.GetValue<string>(), head["hash"]!.GetValue<string>());
            AssertSignedHead(head, publicKey);

            using var c = OpenWritable();
            Assert.Equal(later.Body![HashField]!.GetValue<string>(), (string)Scalar(c, "SELECT hash FROM ledger WHERE seq = $s", ("$s", lastSeq))!);
            Assert.Equal((string)Scalar(c, "SELECT timestamp FROM ledger WHERE seq = $s", ("$s", lastSeq))!, head["time"]!.GetValue<string>());
        }

        // The head file holds the last head, signed, in one of its two copies.
        var copies = Enumerable.Range(0, LedgerHeadFile.Copies).Select(copy => JsonNode.Parse(File.ReadAllText(LedgerHeadFile.PathIn(Dir, copy)))!.AsObject()).ToList();
        var file = copies.MaxBy(c => c["seq"]!.GetValue<long>())!;
        Assert.Equal(lastSeq, file["seq"]!.GetValue<long>());
        AssertSignedHead(file, publicKey);

        await using (var t = await TestServer.StartAsync(Dir))
        {
            t.OwnsFolder = false;
            var retry = await t.Order("m1", alice, "first", "sell", 50m, 4m);
            Assert.Equal(firstBody, retry.Body!.ToJsonString());
        }
    }

    [Fact]
    public async Task A_torn_write_of_the_newest_head_copy_leaves_the_other_and_the_server_starts_and_rewrites_both()
    {
        var last = await TradeAsync();
        var seq = last[SeqField]!.GetValue<long>();
        var hash = last[HashField]!.GetValue<string>();
        var paths = Enumerable.Range(0, LedgerHeadFile.Copies).Select(copy => LedgerHeadFile.PathIn(Dir, copy)).ToList();
        var newest = paths.MaxBy(p => JsonNode.Parse(File.ReadAllText(p))!["seq"]!.GetValue<long>())!;

        // A crash in the middle of overwriting the newest copy: its first half is gone.
        var bytes = File.ReadAllBytes(newest);
        Array.Fill(bytes, (byte)0, 0, bytes.Length / 2);
        File.WriteAllBytes(newest, bytes);

        await using (var t = await TestServer.StartAsync(Dir))
        {
            t.OwnsFolder = false;
            Assert.Equal(seq, (await t.Get("/v1/ledger/head")).Body!["seq"]!.GetValue<long>());
        }

        // The start wrote the verified store's head to both copies.
        Assert.All(paths, p =>
        {
            var copy = JsonNode.Parse(File.ReadAllText(p))!.AsObject();
            Assert.Equal(seq, copy["seq"]!.GetValue<long>());
            Assert.Equal(hash, copy["hash"]!.GetValue<string>());
        });
    }

    [Fact]
    public async Task The_stream_sends_the_signed_head_after_every_group_commit()
    {
        await using var t = await TestServer.StartAsync(Dir);
        t.OwnsFolder = false;
        await t.CreateMarket("m1", "continuous");
        var publicKey = (await t.Get("/v1/health")).Body!["server_public_key"]!.GetValue<string>();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/stream");
        using var response = await t.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.StartsWith(":", await reader.ReadLineAsync());
        var alice = await t.Register("alice");

        // One order at a time: each is a group commit of its own, and each must be announced (not only the newest).
        var acks = new Dictionary<long, string>();
        for (var i = 0; i < 5; i++)
        {
            var ack = await t.Order("m1", alice, "x" + i, "sell", 50m + i, 4m);
            acks[ack.Body![SeqField]!.GetValue<long>()] = ack.Body![HashField]!.GetValue<string>();
        }

        var last = acks.Keys.Max();
        var seen = new List<long>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        string? eventName = null;
        while (seen.Count == 0 || seen[^1] < last)
        {
            var line = await reader.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException("the stream ended");
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                eventName = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal) && eventName == "ledger_head")
            {
                var head = JsonNode.Parse(line["data: ".Length..])!.AsObject();
                AssertSignedHead(head, publicKey);
                var seq = head["seq"]!.GetValue<long>();
                Assert.True(seen.Count == 0 || seq == seen[^1] + 1, $"heads out of order or skipped: {seq} after {(seen.Count == 0 ? 0 : seen[^1])}");
                Assert.True(seq <= last, "a head beyond the last commit");
                seen.Add(seq);
                if (acks.TryGetValue(seq, out var hash))
                {
                    Assert.Equal(hash, head["hash"]!.GetValue<string>());
                }
            }
        }

        Assert.All(acks.Keys, k => Assert.Contains(k, seen));
    }

    [Fact]
    public async Task A_store_from_before_the_binding_gives_a_clear_error_not_a_crash()
    {
        // An empty server creates the schema and the key; then one command and its record in the old form (no digest).
        await (await TestServer.StartAsync(Dir)).StopAsync();
        var key = ServerKeyFile.Load(Dir);
        using (var c = OpenWritable())
        {
            const string time = "2026-03-01T08:00:00.0000000Z";
            var command = new JsonObject { ["participant_id"] = "alice", ["role"] = "participant", ["ed25519_public_key"] = null };
            Execute(c, "INSERT INTO commands (seq, time, kind, payload) VALUES (1, $t, 'register_participant', $p)", ("$t", time), ("$p", command.ToJsonString()));
            var record = new JsonObject
            {
                ["kind"] = "command.register_participant", ["time"] = time,
                ["record"] = new JsonObject { ["sequence"] = 1, ["kind"] = "register_participant", ["command"] = command.DeepClone() },
            };
            using var tx = c.BeginTransaction();
            LedgerTable.Append(c, tx, "batch", new JsonObject { ["records"] = new JsonArray(record) }, TestServer.Start, key);
            tx.Commit();
        }

        var verdict = await VerifyJsonAsync();
        Assert.Equal(1, verdict["exit"]!.GetValue<int>());
        Assert.Equal("command_unbound", verdict["check"]!.GetValue<string>());
        await AssertStartRefusedAsync("command 1", "before the command log was bound to the ledger");
    }

    /// <summary>Checks a head's signature independently: Ed25519 over the canonical JSON written out by hand.</summary>
    private static void AssertSignedHead(JsonObject head, string publicKeyBase64)
    {
        var statement = $"{{\"hash\":\"{head["hash"]!.GetValue<string>()}\",\"sequence\":{head["seq"]!.GetValue<long>()},\"time\":\"{head["time"]!.GetValue<string>()}\",\"type\":\"lem.ledger.head\"}}";
        Assert.True(Ed25519.Verify(Convert.FromBase64String(publicKeyBase64), Encoding.UTF8.GetBytes(statement), Convert.FromBase64String(head["signature"]!.GetValue<string>())),
            "the head's signature does not verify: " + head.ToJsonString());
    }
}
