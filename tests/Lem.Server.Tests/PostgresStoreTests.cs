using System.Data.Common;
using System.Globalization;
using System.Text.Json.Nodes;
using Lem.Cli;
using Lem.Cli.Commands;
using Lem.Ledger;
using Lem.Markets.OrderBook;
using Lem.Pipeline;
using Lem.Server.Store;
using Lem.Testing;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Lem.Server.Tests;

/// <summary>
/// The PostgreSQL store (<c>lem serve --postgres</c>) against the test server of <c>scripts/postgres.sh</c>, each test in
/// its own schema: the same trading scenario gives the same answers and the same stored rows as on SQLite, a restart
/// rebuilds the same books, orders and trades, and <c>lem ledger verify --postgres</c> accepts the server-written ledger.
/// </summary>
public sealed class PostgresStoreTests
{
    private static readonly string[] Participants = ["alice", "bob", "carol"];

    [PostgresFact]
    public async Task Trading_on_PostgreSQL_gives_the_same_answers_and_stored_rows_as_on_SQLite()
    {
        using var pg = TestPostgres.CreateSchema();
        var sqliteDir = NewFolder();
        var pgDir = NewFolder();
        try
        {
            string sqliteSnapshot, pgSnapshot;
            await using (var t = await TestServer.StartAsync(sqliteDir))
            {
                var keys = await Scenario(t);
                sqliteSnapshot = await Snapshot(t, keys);
            }

            await using (var t = await TestServer.StartAsync(pgDir, postgres: pg.ConnectionString))
            {
                var keys = await Scenario(t);
                pgSnapshot = await Snapshot(t, keys);
            }

            Assert.Equal(sqliteSnapshot, pgSnapshot);

            // The PostgreSQL store wrote its tables into the test's schema and nothing into the data folder but the keys.
            Assert.False(File.Exists(DataFolder.DatabasePath(pgDir)));
            Assert.True(File.Exists(ServerKeyFile.PathIn(pgDir)));
            using var sqlite = DataFolder.OpenDatabaseReadOnly(sqliteDir);
            using var postgres = pg.Open();
            foreach (var query in RowQueries)
            {
                var expected = Rows(sqlite, query);
                Assert.NotEmpty(expected);
                Assert.Equal(expected, Rows(postgres, query));
            }

            Assert.Equal(Rows(sqlite, "SELECT COUNT(*) FROM ledger"), Rows(postgres, "SELECT COUNT(*) FROM ledger"));
            Assert.Equal(Participants.Length, Rows(postgres, "SELECT participant_id FROM participants").Count);
        }
        finally
        {
            Directory.Delete(sqliteDir, true);
            Directory.Delete(pgDir, true);
        }
    }

    [PostgresFact]
    public async Task A_restarted_server_on_PostgreSQL_rebuilds_the_same_books_orders_and_trades()
    {
        using var pg = TestPostgres.CreateSchema();
        var dir = NewFolder();
        var clock = new FakeTimeProvider(TestServer.Start);
        try
        {
            string[] keys;
            string before;
            List<OrderBookSnapshot> books;
            await using (var t = await TestServer.StartAsync(dir, clock, postgres: pg.ConnectionString))
            {
                keys = await Orders(t);
                before = await Snapshot(t, keys);
                books = Books(t);
                Assert.Contains("\"trade_id\"", before);
                Assert.Contains(books, b => b.Bids.Count + b.Asks.Count > 0);
            }

            long storedCommands;
            using (var c = pg.Open())
            {
                storedCommands = long.Parse(Rows(c, "SELECT COUNT(*) FROM commands").Single(), CultureInfo.InvariantCulture);
            }

            await using (var t = await TestServer.StartAsync(dir, clock, postgres: pg.ConnectionString))
            {
                Assert.Equal(storedCommands, t.Server.ReplayedCommands);
                Assert.Equal(before, await Snapshot(t, keys));
                var replayed = Books(t);
                Assert.Equal(books.Count, replayed.Count);
                Assert.All(books.Zip(replayed), p => Assert.True(p.First.IsIdenticalTo(p.Second), p.First.ProductId));

                // Trading goes on against an order placed before the restart, and the gate closure runs on the recovered state.
                var r = await t.Order("m1", keys[2], "after-restart", "buy", 61m, 1m, slot: 1);
                Assert.Equal(201, r.Status);
                var trade = r.Body!["trades"]!.AsArray().Single()!;
                Assert.Equal(60m, trade["price_eur_per_mwh"]!.GetValue<decimal>());
                Assert.Equal("alice", trade["seller"]!.GetValue<string>());
                clock.SetUtcNow(new DateTimeOffset(2026, 3, 1, 11, 0, 0, TimeSpan.Zero));
                await t.Server.RunDueGateClosuresAsync();
                Assert.Single((await t.Get("/v1/markets/m1/prices")).Body!["slots"]!.AsArray());
                before = await Snapshot(t, keys);
            }

            using (var c = pg.Open())
            {
                var now = long.Parse(Rows(c, "SELECT COUNT(*) FROM commands").Single(), CultureInfo.InvariantCulture);
                Assert.True(now > storedCommands + 1);
                storedCommands = now;
            }

            await using (var t = await TestServer.StartAsync(dir, clock, postgres: pg.ConnectionString))
            {
                Assert.Equal(before, await Snapshot(t, keys));
                Assert.Equal(storedCommands, t.Server.ReplayedCommands);
            }
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [PostgresFact]
    public async Task Lem_ledger_verify_postgres_accepts_the_server_written_ledger_and_names_a_tampered_record()
    {
        using var pg = TestPostgres.CreateSchema();
        var dir = NewFolder();
        try
        {
            string publicKey;
            await using (var t = await TestServer.StartAsync(dir, postgres: pg.ConnectionString))
            {
                await Scenario(t);
                publicKey = t.Server.ServerPublicKeyBase64;
            }

            List<LedgerEntry> entries;
            using (var c = pg.Open())
            {
                entries = LedgerTable.ReadAll(c).ToList();
            }

            Assert.True(entries.Count > 3);
            var ok = Verify(pg.ConnectionString, publicKey);
            Assert.Equal(0, ok.Exit);
            Assert.True(ok.Report["valid"]!.GetValue<bool>(), ok.Report.ToJsonString());
            Assert.Equal(entries.Count, ok.Report["records"]!.GetValue<long>());
            Assert.Equal(entries[^1].Hash, ok.Report["head_hash"]!.GetValue<string>());

            // The verifier reads what the server wrote: rename the seller in one stored trade record and it names that record.
            var victim = entries.First(e => e.PayloadJson.Contains("\"trade\"", StringComparison.Ordinal) && e.PayloadJson.Contains("alice", StringComparison.Ordinal));
            using (var c = pg.Open())
            using (var update = c.CreateCommand())
            {
                update.CommandText = "UPDATE ledger SET payload = replace(payload, 'alice', 'alicf') WHERE seq = $1";
                update.Parameters.Add(new NpgsqlParameter { Value = victim.Sequence });
                Assert.Equal(1, update.ExecuteNonQuery());
            }

            var bad = Verify(pg.ConnectionString, publicKey);
            Assert.NotEqual(0, bad.Exit);
            Assert.False(bad.Report["valid"]!.GetValue<bool>());
            Assert.Equal(victim.Sequence, bad.Report["first_bad_sequence"]!.GetValue<long>());
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [PostgresFact]
    public void The_store_commits_durably_even_when_the_session_starts_with_synchronous_commit_off()
    {
        using var pg = TestPostgres.CreateSchema();

        // A session default of off, as a server or role tuned for speed would set it (here through the startup options).
        var fast = new NpgsqlConnectionStringBuilder(pg.ConnectionString) { Options = "-c synchronous_commit=off" }.ConnectionString;
        using (var c = new NpgsqlConnection(fast))
        {
            c.Open();
            Assert.Equal("off", Rows(c, "SHOW synchronous_commit").Single());
        }

        using var store = new PostgresMarketStore(fast);
        Assert.Equal("on", store.SynchronousCommit());
        Assert.Empty(store.Load().Commands);
    }

    [PostgresFact]
    public async Task Lem_serve_postgres_stores_in_the_database_and_keeps_only_the_keys_in_the_data_folder()
    {
        using var pg = TestPostgres.CreateSchema();
        var dir = NewFolder();
        try
        {
            var stdout = new ReportWriter();
            var stderr = new StringWriter();
            using var stop = new CancellationTokenSource();
            var settings = new ServeSettings(dir, "http://127.0.0.1:0", TestServer.OperatorKey, 1000, 65536, "json", pg.ConnectionString);
            var run = Task.Run(() => ServeCommand.RunAsync(new CliContext(stdout, stderr), settings, stop.Token));
            Assert.True(await Task.WhenAny(stdout.Report.Task, run) == stdout.Report.Task, $"lem serve stopped early: {stderr}");
            var report = JsonNode.Parse(await stdout.Report.Task)!;
            Assert.Equal("postgresql", report["store"]!.GetValue<string>());
            Assert.Equal("lem@127.0.0.1:" + new NpgsqlConnectionStringBuilder(pg.ConnectionString).Port.ToString(CultureInfo.InvariantCulture) + "/" + new NpgsqlConnectionStringBuilder(pg.ConnectionString).Database, report["postgres"]!.GetValue<string>());
            Assert.DoesNotContain("Password", report.ToJsonString(), StringComparison.OrdinalIgnoreCase);
            using (var http = new HttpClient { BaseAddress = new Uri(report["listening"]![0]!.GetValue<string>()) })
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/participants")
                {
                    Content = new StringContent("""{"participant_id": "dave", "role": "participant"}""", System.Text.Encoding.UTF8, "application/json"),
                };
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestServer.OperatorKey);
                Assert.Equal(System.Net.HttpStatusCode.Created, (await http.SendAsync(request)).StatusCode);
            }

            await stop.CancelAsync();
            Assert.Equal(0, await run);
            using var c = pg.Open();
            Assert.Equal(["dave"], Rows(c, "SELECT participant_id FROM participants"));
            // The key area: the server key and the last ledger head the server signed, in one or two copies (docs/ledger.md).
            var files = Directory.GetFiles(dir).Select(Path.GetFileName).ToList();
            Assert.Contains(LedgerHeadFile.FileName, files);
            Assert.Equal([ServerKeyFile.FileName], files.Except([LedgerHeadFile.FileName, LedgerHeadFile.AlternateFileName]));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [PostgresFact]
    public void A_second_server_on_the_same_schema_is_refused_until_the_first_closes()
    {
        using var pg = TestPostgres.CreateSchema();
        using var other = TestPostgres.CreateSchema();
        using (var first = new PostgresMarketStore(pg.ConnectionString))
        {
            var refused = Assert.Throws<IOException>(() => new PostgresMarketStore(pg.ConnectionString));
            Assert.Contains($"schema '{pg.Name}'", refused.Message, StringComparison.Ordinal);
            using var elsewhere = new PostgresMarketStore(other.ConnectionString);
            Assert.Empty(elsewhere.Load().Participants);
        }

        using var again = new PostgresMarketStore(pg.ConnectionString);
        Assert.Null(again.Load().LastLedgerEntry);
    }

    [Fact]
    public void Lem_serve_rejects_a_malformed_or_unreachable_postgres_connection_string_with_a_message()
    {
        var dir = NewFolder();
        try
        {
            foreach (var (cs, expected) in new[]
            {
                ("Nonsense=1", "--postgres: not a valid connection string"),
                ("Database=lem", "--postgres: the connection string names no Host"),
                ("Host=127.0.0.1;Port=1;Database=lem;Username=lem;Password=x;Timeout=5", "--postgres: cannot use the PostgreSQL database at lem@127.0.0.1:1/lem"),
            })
            {
                var stdout = new StringWriter();
                var stderr = new StringWriter();
                var exit = LemApp.Run(["serve", "--postgres", cs, "--data", dir, "--urls", "http://127.0.0.1:0"], stdout, stderr);
                Assert.Equal(1, exit);
                Assert.Contains(expected, stderr.ToString(), StringComparison.Ordinal);
                Assert.DoesNotContain("   at ", stderr.ToString(), StringComparison.Ordinal);
                Assert.DoesNotContain("Password=x", stderr.ToString(), StringComparison.Ordinal);
            }
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    /// <summary>The stored rows compared between the stores (the commands' payloads and the participants' key hashes differ by the random API keys).</summary>
    private static readonly string[] RowQueries =
    [
        "SELECT seq, time, kind FROM commands ORDER BY seq",
        "SELECT * FROM markets ORDER BY market_id",
        "SELECT participant_id, role, registered_at FROM participants ORDER BY participant_id",
        "SELECT * FROM orders ORDER BY order_number",
        "SELECT * FROM trades ORDER BY trade_id",
        "SELECT * FROM gate_closures ORDER BY market_id, slot",
    ];

    /// <summary>
    /// Register, submit, trade, amend, cancel, gate closure and reads of own orders and trades, with the expected answers
    /// worked out by hand: a 6 kWh trade at the resting ask's 50 EUR/MWh, the remainder expiring at gate closure, and the
    /// call auction of <see cref="TradingTests"/> clearing 10 kWh at 55 EUR/MWh. Returns the participants' API keys.
    /// </summary>
    private static async Task<string[]> Scenario(TestServer t)
    {
        await t.CreateMarket("m1", "continuous");
        await t.CreateMarket("auc", "call_auction");
        var alice = await t.Register("alice");
        var bob = await t.Register("bob");
        var carol = await t.Register("carol");

        Assert.Equal(201, (await t.Order("m1", alice, "a-1", "sell", 50m, 10m)).Status);
        var buy = await t.Order("m1", bob, "b-1", "buy", 55m, 6m);
        Assert.Equal("filled", buy.Body!["status"]!.GetValue<string>());
        var trade = buy.Body["trades"]!.AsArray().Single()!;
        Assert.Equal(50m, trade["price_eur_per_mwh"]!.GetValue<decimal>());
        Assert.Equal(6m, trade["quantity_kwh"]!.GetValue<decimal>());
        Assert.Equal(201, (await t.Order("m1", carol, "c-1", "sell", 70m, 5m, slot: 1)).Status);
        var amended = await t.Send(HttpMethod.Patch, "/v1/orders/c-1", carol, """{"price_eur_per_mwh": 65, "quantity_kwh": 8}""");
        Assert.Equal(8m, amended.Body!["open_kwh"]!.GetValue<decimal>());
        Assert.Equal(201, (await t.Order("m1", bob, "b-2", "buy", 20m, 3m, slot: 1)).Status);
        Assert.Equal("cancelled", (await t.Send(HttpMethod.Delete, "/v1/orders/b-2", bob)).Body!["status"]!.GetValue<string>());

        Assert.Equal(201, (await t.Order("auc", alice, "q1", "buy", 60m, 10m)).Status);
        Assert.Equal(201, (await t.Order("auc", bob, "q2", "buy", 45m, 5m)).Status);
        Assert.Equal(201, (await t.Order("auc", carol, "q3", "sell", 40m, 8m)).Status);
        Assert.Equal(201, (await t.Order("auc", carol, "q4", "sell", 55m, 10m)).Status);

        t.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 1, 11, 0, 0, TimeSpan.Zero));
        await t.Server.RunDueGateClosuresAsync();
        var m1 = (await t.Get("/v1/markets/m1/prices")).Body!["slots"]!.AsArray().Single()!;
        Assert.Equal(50m, m1["price_eur_per_mwh"]!.GetValue<decimal>());
        Assert.Equal(6m, m1["volume_kwh"]!.GetValue<decimal>());
        var auc = (await t.Get("/v1/markets/auc/prices")).Body!["slots"]!.AsArray().Single()!;
        Assert.Equal(55m, auc["price_eur_per_mwh"]!.GetValue<decimal>());
        Assert.Equal(10m, auc["volume_kwh"]!.GetValue<decimal>());
        Assert.Equal("expired", (await t.Get("/v1/orders/a-1", alice)).Body!["status"]!.GetValue<string>());

        var aliceTrades = (await t.Get("/v1/trades", alice)).Body!["trades"]!.AsArray();
        Assert.Equal(16m, aliceTrades.Sum(x => x!["quantity_kwh"]!.GetValue<decimal>()));
        Assert.DoesNotContain((await t.Get("/v1/trades", bob)).Body!["trades"]!.AsArray(), x => x!["market_id"]!.GetValue<string>() == "auc");
        return [alice, bob, carol];
    }

    /// <summary>Orders that leave resting bids and asks in both slots of m1, with one trade (alice's 60 ask in slot 1 is left for after the restart).</summary>
    private static async Task<string[]> Orders(TestServer t)
    {
        await t.CreateMarket("m1", "continuous");
        var alice = await t.Register("alice");
        var bob = await t.Register("bob");
        var carol = await t.Register("carol");
        Assert.Equal(201, (await t.Order("m1", alice, "a-1", "sell", 50m, 10m)).Status);
        Assert.Single((await t.Order("m1", bob, "b-1", "buy", 52m, 4m)).Body!["trades"]!.AsArray());
        Assert.Equal(201, (await t.Order("m1", carol, "c-1", "buy", 45m, 7m)).Status);
        Assert.Equal(201, (await t.Order("m1", alice, "a-2", "sell", 60m, 5m, slot: 1)).Status);
        Assert.Equal(201, (await t.Order("m1", bob, "b-2", "buy", 40m, 9m, slot: 1)).Status);
        Assert.Equal(201, (await t.Order("m1", carol, "c-2", "sell", 75m, 2m, slot: 1)).Status);
        Assert.Equal(200, (await t.Send(HttpMethod.Patch, "/v1/orders/c-2", carol, """{"price_eur_per_mwh": 70, "quantity_kwh": 3}""")).Status);
        Assert.Equal("cancelled", (await t.Send(HttpMethod.Delete, "/v1/orders/c-1", carol)).Body!["status"]!.GetValue<string>());
        return [alice, bob, carol];
    }

    private static List<OrderBookSnapshot> Books(TestServer t)
    {
        lock (t.Server.Engine.SyncRoot)
        {
            var m = t.Server.Engine.Market("m1")!;
            return Enumerable.Range(0, m.Spec.SlotCount).Select(s => m.Books!.Book(m.Spec.ProductId(s))!.Snapshot()).ToList();
        }
    }

    /// <summary>Everything the participants and the public can read, as one JSON text.</summary>
    private static async Task<string> Snapshot(TestServer t, string[] keys)
    {
        var all = new JsonObject();
        for (var i = 0; i < keys.Length; i++)
        {
            all[$"orders{i}"] = (await t.Get("/v1/orders", keys[i])).Body!.DeepClone();
            all[$"trades{i}"] = (await t.Get("/v1/trades", keys[i])).Body!.DeepClone();
        }

        for (var slot = 0; slot < 4; slot++)
        {
            all[$"depth{slot}"] = (await t.Get($"/v1/markets/m1/depth?slot={slot}")).Body!.DeepClone();
        }

        all["prices_m1"] = (await t.Get("/v1/markets/m1/prices")).Body!.DeepClone();
        all["markets"] = (await t.Get("/v1/markets")).Body!.DeepClone();
        return all.ToJsonString();
    }

    /// <summary>The rows of a query, each as its values' invariant text joined by '|' (so SQLite's and PostgreSQL's integer types compare equal).</summary>
    private static List<string> Rows(DbConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        var rows = new List<string>();
        while (r.Read())
        {
            rows.Add(string.Join('|', Enumerable.Range(0, r.FieldCount).Select(i => r.IsDBNull(i) ? "NULL" : Convert.ToString(r.GetValue(i), CultureInfo.InvariantCulture))));
        }

        return rows;
    }

    private static (int Exit, JsonNode Report) Verify(string connectionString, string publicKey)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = LemApp.Run(["ledger", "verify", "--postgres", connectionString, "--public-key", publicKey, "--format", "json"], stdout, stderr);
        Assert.True(stdout.ToString().Length > 0, stderr.ToString());
        return (exit, JsonNode.Parse(stdout.ToString())!);
    }

    /// <summary>Captures stdout and completes with the first line: the JSON report <c>lem serve</c> prints once it listens.</summary>
    private sealed class ReportWriter : StringWriter
    {
        public TaskCompletionSource<string> Report { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            Report.TrySetResult(value ?? string.Empty);
        }
    }

    private static string NewFolder()
    {
        var dir = Path.Combine(Path.GetTempPath(), "lem-server-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }
}
