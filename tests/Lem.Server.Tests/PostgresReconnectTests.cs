using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Lem.Ledger;
using Lem.Server.LoadTest;
using Lem.Server.Store;
using Lem.Testing;
using Npgsql;

namespace Lem.Server.Tests;

/// <summary>
/// The PostgreSQL store after a dropped connection (<c>pg_terminate_backend</c> on the server's session): the group commit
/// reconnects and retries instead of failing, a batch that was already stored is not written twice, a retry meeting
/// another record under its sequence number or a lock it cannot take within the bound fails as before, and under load
/// the server answers no 5xx, keeps every acknowledged order and its ledger verifies. The password comes from the
/// environment or a pgpass file, never the command line.
/// </summary>
public sealed class PostgresReconnectTests
{
    private static readonly NodaTime.Instant Time0 = NodaTime.Instant.FromUtc(2026, 3, 1, 8, 0);

    [PostgresFact]
    public void A_commit_after_the_session_was_terminated_reconnects_stores_each_batch_once_and_refuses_a_foreign_record()
    {
        using var pg = TestPostgres.CreateSchema();
        var applicationName = "lem-reconnect-" + Guid.NewGuid().ToString("N")[..12];
        var cs = new NpgsqlConnectionStringBuilder(pg.ConnectionString) { ApplicationName = applicationName }.ConnectionString;
        var key = Ed25519KeyPair.Generate();
        using var store = new PostgresMarketStore(cs);
        store.Load();

        var first = Batch(1, null, key, "first");
        store.Commit(first);
        Assert.Equal((1L, 1L), Counts(pg));

        // The acknowledgement of the first commit is "lost": the session dies and the same batch comes again. Without the
        // check the retry would hit the primary keys; with it the batch is recognised as stored and not written twice.
        Assert.Equal(1, pg.TerminateSessions(applicationName));
        store.Commit(first);
        Assert.Equal((1, 1), (store.Reconnects, store.AlreadyCommitted));
        Assert.Equal((1L, 1L), Counts(pg));

        // A new batch on a terminated session is written once, on the new session.
        Assert.Equal(1, pg.TerminateSessions(applicationName));
        var second = Batch(2, first.LedgerEntries[0], key, "second");
        store.Commit(second);
        Assert.Equal((2, 1), (store.Reconnects, store.AlreadyCommitted));
        Assert.Equal((2L, 2L), Counts(pg));
        using (var c = pg.Open())
        {
            var entries = LedgerTable.ReadAll(c).ToList();
            Assert.Equal([first.LedgerEntries[0].Hash, second.LedgerEntries[0].Hash], entries.Select(e => e.Hash));
            Assert.True(LedgerVerifier.Verify(entries, key.PublicKey).Ok);
        }

        // A retried batch whose ledger number holds another record: another writer changed the store, which is not retried.
        Assert.Equal(1, pg.TerminateSessions(applicationName));
        var foreign = Batch(2, first.LedgerEntries[0], key, "foreign");
        Assert.Throws<InvalidDataException>(() => store.Commit(foreign));
        Assert.Equal((2L, 2L), Counts(pg));
    }

    [PostgresFact]
    public void A_commit_that_cannot_reconnect_within_the_bound_fails_and_one_that_can_succeeds()
    {
        using var pg = TestPostgres.CreateSchema();
        var applicationName = "lem-reconnect-" + Guid.NewGuid().ToString("N")[..12];
        var cs = new NpgsqlConnectionStringBuilder(pg.ConnectionString) { ApplicationName = applicationName }.ConnectionString;
        var key = Ed25519KeyPair.Generate();
        using var store = new PostgresMarketStore(cs, TimeSpan.FromSeconds(1));
        store.Load();

        // The session dies and another (unpooled) session takes the schema lock (waiting until the dead session released it): the
        // store cannot take it back, gives up after about the bound and throws as before.
        Assert.Equal(1, pg.TerminateSessions(applicationName));
        var batch = Batch(1, null, key, "blocked");
        using (var holder = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(pg.ConnectionString) { Pooling = false }.ConnectionString))
        {
            holder.Open();
            using (var lockCmd = holder.CreateCommand())
            {
                lockCmd.CommandText = $"SELECT pg_advisory_lock(hashtext('lem serve ' || '{pg.Name}'))";
                lockCmd.ExecuteNonQuery();
            }

            var clock = Stopwatch.StartNew();
            var ex = Assert.Throws<IOException>(() => store.Commit(batch));
            Assert.Contains("another lem serve", ex.Message, StringComparison.Ordinal);
            Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.4), TimeSpan.FromSeconds(10));
        }

        Assert.Equal((0L, 0L), Counts(pg));

        // The lock is free again: the same batch goes through on the next commit.
        store.Commit(batch);
        Assert.Equal((1L, 1L), Counts(pg));
    }

    [PostgresFact]
    public async Task Terminating_the_servers_sessions_under_load_gives_no_5xx_loses_no_acknowledged_order_and_the_ledger_verifies()
    {
        using var store = FaultStore.CreatePostgres();
        using var server = await store.StartAsync(FaultTests.OperatorKey);
        var keys = new ConcurrentDictionary<string, string>();
        var acknowledged = new ConcurrentDictionary<(string Participant, string ClientOrderId), byte>();
        var generator = Task.Run(() => LoadGenerator.RunAsync(new LoadTestOptions
        {
            BaseAddress = server.BaseAddress,
            OperatorKey = FaultTests.OperatorKey,
            Participants = 4,
            ConnectionsPerParticipant = 2,
            Duration = TimeSpan.FromSeconds(6),
            Seed = 7,
            OnParticipantRegistered = (participant, key) => keys[participant] = key,
            OnOrderAcknowledged = (participant, id) => acknowledged.TryAdd((participant, id), 0),
        }));

        // Terminate the server's session every 0.6 s while the load runs (the first once orders flow).
        var terminated = 0;
        while (acknowledged.IsEmpty && !generator.IsCompleted)
        {
            await Task.Delay(10);
        }

        while (!generator.IsCompleted)
        {
            terminated += store.TerminateServerSessions();
            await Task.WhenAny(generator, Task.Delay(600));
        }

        var result = await generator;
        Assert.True(terminated >= 3, $"only {terminated} sessions terminated");
        Assert.True(result.AcceptedOrders > 100, $"{result.AcceptedOrders} orders accepted");
        Assert.Equal(0, result.TransportErrors);
        Assert.DoesNotContain(result.RejectedByStatus.Keys, status => status >= 500);

        // Every acknowledged order is stored and readable; the server still takes orders.
        var stored = new HashSet<(string, string)>();
        foreach (var (participant, key) in keys)
        {
            using var http = new HttpClient { BaseAddress = server.BaseAddress };
            foreach (var o in (await FaultTests.Send(http, HttpMethod.Get, "/v1/orders", key)).Body!["orders"]!.AsArray())
            {
                stored.Add((participant, o!["client_order_id"]!.GetValue<string>()));
            }
        }

        Assert.Equal(result.AcceptedOrders, acknowledged.Count);
        Assert.All(acknowledged.Keys, id => Assert.Contains(id, stored));
        using (var c = store.Postgres.Open())
        using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = "SELECT COUNT(*) FROM orders WHERE status <> 'rejected'";
            Assert.True(Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture) >= acknowledged.Count);
        }

        server.KillHard();
        var verify = await store.VerifyLedgerAsync();
        Assert.True(verify.ExitCode == 0, verify.Output);
    }

    [PostgresFact]
    public async Task Lem_serve_takes_the_postgres_password_from_a_pgpass_file_or_the_environment_and_fails_without_one()
    {
        using var pg = TestPostgres.CreateSchema();
        var builder = new NpgsqlConnectionStringBuilder(pg.ConnectionString);
        var password = builder.Password!;
        builder.Password = null;
        var withoutPassword = builder.ConnectionString;
        var dir = Path.Combine(Path.GetTempPath(), "lem-server-tests", "pgpass-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var passfile = Path.Combine(dir, "pgpass");
        try
        {
            // No password anywhere (no PGPASSWORD, PGPASSFILE pointed at an empty file so that a ~/.pgpass of the machine cannot help).
            var empty = Path.Combine(dir, "empty-pgpass");
            await File.WriteAllTextAsync(empty, string.Empty);
            var none = new Dictionary<string, string> { ["PGPASSWORD"] = string.Empty, ["PGPASSFILE"] = empty, [Cli.Commands.ServeCommand.PostgresPasswordVariable] = string.Empty };
            var refused = await FaultServerProcess.RunAsync(none, "serve", "--data", Path.Combine(dir, "a"), "--urls", "http://127.0.0.1:0", "--postgres", withoutPassword, "--format", "json");
            Assert.Equal(1, refused.ExitCode);
            Assert.Contains("--postgres: cannot use the PostgreSQL database", refused.Output + refused.Error, StringComparison.Ordinal);

            // A pgpass file given with --postgres-passfile.
            await File.WriteAllTextAsync(passfile, $"{builder.Host}:{builder.Port}:{builder.Database}:{builder.Username}:{password}\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(passfile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                File.SetUnixFileMode(empty, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            using (var server = await FaultServerProcess.StartAsync(Path.Combine(dir, "b"), FaultTests.OperatorKey, ["--postgres", withoutPassword, "--postgres-passfile", passfile], none))
            {
                using var http = new HttpClient { BaseAddress = server.BaseAddress };
                Assert.Equal(201, (await FaultTests.Send(http, HttpMethod.Post, "/v1/participants", FaultTests.OperatorKey, """{"participant_id":"from-passfile"}""")).Status);
            }

            // The environment variable LEM_POSTGRES_PASSWORD (the same schema and data folder, whose key signed the ledger,
            // so the participant is still there).
            var env = new Dictionary<string, string>(none) { [Cli.Commands.ServeCommand.PostgresPasswordVariable] = password };
            using (var server = await FaultServerProcess.StartAsync(Path.Combine(dir, "b"), FaultTests.OperatorKey, ["--postgres", withoutPassword], env))
            {
                using var http = new HttpClient { BaseAddress = server.BaseAddress };
                Assert.Equal(201, (await FaultTests.Send(http, HttpMethod.Post, "/v1/participants", FaultTests.OperatorKey, """{"participant_id":"from-environment"}""")).Status);
            }

            using var c = pg.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT string_agg(participant_id, ',' ORDER BY participant_id) FROM participants";
            Assert.Equal("from-environment,from-passfile", cmd.ExecuteScalar());
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    /// <summary>A batch of one command and its ledger entry, chained after <paramref name="previous"/>.</summary>
    private static StoreBatch Batch(long sequence, LedgerEntry? previous, Ed25519KeyPair key, string note)
    {
        var batch = new StoreBatch();
        var payload = new JsonObject { ["note"] = note };
        batch.Commands.Add(new StoredCommand(sequence, Time0, "test", payload.ToJsonString()));
        batch.LedgerEntries.Add(LedgerChain.Append(previous, "batch", new JsonObject { ["records"] = new JsonArray(payload.DeepClone()) }, Time0.ToDateTimeOffset(), key));
        Assert.Equal(sequence, batch.LedgerEntries[0].Sequence);
        return batch;
    }

    /// <summary>The stored commands and ledger records.</summary>
    private static (long Commands, long Ledger) Counts(TestPostgres pg)
    {
        using var c = pg.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT (SELECT COUNT(*) FROM commands), (SELECT COUNT(*) FROM ledger)";
        using var r = cmd.ExecuteReader();
        r.Read();
        return (r.GetInt64(0), r.GetInt64(1));
    }

}
