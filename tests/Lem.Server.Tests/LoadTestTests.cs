using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Lem.Ledger;
using Lem.Server.LoadTest;
using Lem.Server.Store;

namespace Lem.Server.Tests;

public sealed class LoadTestTests
{
    private const string OperatorKey = "loadtest-operator-key";

    [Trait("Category", "Heavy")]
    [Fact]
    public async Task Generator_against_a_live_server_stores_every_accepted_order_and_reports_ordered_percentiles()
    {
        var dir = Path.Combine(Path.GetTempPath(), "lem-loadtest-tests", Guid.NewGuid().ToString("N"));
        try
        {
            LoadTestResult result;
            long commandsBefore;
            await using (var server = await Start(dir))
            {
                result = await LoadGenerator.RunAsync(new LoadTestOptions
                {
                    BaseAddress = new Uri(server.BaseAddresses[0]),
                    OperatorKey = OperatorKey,
                    Participants = 4,
                    ConnectionsPerParticipant = 2,
                    Duration = TimeSpan.FromSeconds(2),
                    MaxOpenOrdersPerClient = 8,
                });
                commandsBefore = await Commands(server);
            }

            Assert.True(result.AcceptedOrders > 0);
            Assert.Equal(0, result.TransportErrors);
            Assert.DoesNotContain(result.RejectedByStatus.Keys, s => s >= 500);
            Assert.Equal(8, result.Clients);
            Assert.Equal(result.AcceptedOrders + result.Cancels + result.RejectedByStatus.Values.Sum(), result.Latency.Count);
            var l = result.Latency;
            Assert.True(l.P50Ms > 0);
            Assert.True(l.P50Ms <= l.P90Ms && l.P90Ms <= l.P99Ms && l.P99Ms <= l.P999Ms && l.P999Ms <= l.MaxMs);

            // Read back from the store: every order answered 201 (and every one the book rejected with 422) is a stored
            // order of the market and a submit_order command; every trade reported in an answer is a stored trade.
            var rejectedByBook = result.RejectedByStatus.GetValueOrDefault(422);
            using (var db = DataFolder.OpenDatabaseReadOnly(dir))
            {
                Assert.Equal(result.AcceptedOrders + rejectedByBook, Scalar(db, "SELECT COUNT(*) FROM orders WHERE market_id = $m", result.MarketId));
                Assert.Equal(rejectedByBook, Scalar(db, "SELECT COUNT(*) FROM orders WHERE market_id = $m AND status = 'rejected'", result.MarketId));
                Assert.Equal(result.AcceptedOrders + rejectedByBook, Scalar(db, "SELECT COUNT(*) FROM commands WHERE kind = 'submit_order'", null));
                Assert.Equal(result.Trades, Scalar(db, "SELECT COUNT(*) FROM trades WHERE market_id = $m", result.MarketId));
                // A cancel of an order that was filled meanwhile is answered 200 without a command; one of an open order is a command.
                var cancelCommands = Scalar(db, "SELECT COUNT(*) FROM commands WHERE kind = 'cancel_order'", null);
                Assert.True(cancelCommands <= result.Cancels, $"{cancelCommands} cancel commands, {result.Cancels} cancels answered 200");
                Assert.Equal(commandsBefore, Scalar(db, "SELECT COUNT(*) FROM commands", null));

                // The group commits (written while the next batch executes) form one unbroken, correctly signed chain.
                var verification = LedgerVerifier.Verify(LedgerTable.ReadAll(db).ToList(), ServerKeyFile.Load(dir).PublicKey);
                Assert.True(verification.Ok, verification.Reason);
            }

            // A restart replays the command log to the same state.
            await using (var again = await Start(dir))
            {
                Assert.Equal(commandsBefore, again.ReplayedCommands);
                Assert.Equal(commandsBefore, await Commands(again));
            }
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public async Task Unreachable_server_and_wrong_operator_key_are_reported_as_load_test_errors()
    {
        var unreachable = await Assert.ThrowsAsync<LoadTestException>(() => LoadGenerator.RunAsync(new LoadTestOptions
        {
            BaseAddress = new Uri("http://127.0.0.1:1"),
            OperatorKey = OperatorKey,
            Duration = TimeSpan.FromSeconds(1),
        }));
        Assert.Contains("cannot reach", unreachable.Message, StringComparison.Ordinal);

        var dir = Path.Combine(Path.GetTempPath(), "lem-loadtest-tests", Guid.NewGuid().ToString("N"));
        try
        {
            await using var server = await Start(dir);
            var wrongKey = await Assert.ThrowsAsync<LoadTestException>(() => LoadGenerator.RunAsync(new LoadTestOptions
            {
                BaseAddress = new Uri(server.BaseAddresses[0]),
                OperatorKey = "not-the-operator-key",
                Duration = TimeSpan.FromSeconds(1),
            }));
            Assert.Contains("--operator-key", wrongKey.Message, StringComparison.Ordinal);

            var noMarket = await Assert.ThrowsAsync<LoadTestException>(() => LoadGenerator.RunAsync(new LoadTestOptions
            {
                BaseAddress = new Uri(server.BaseAddresses[0]),
                OperatorKey = OperatorKey,
                Duration = TimeSpan.FromSeconds(1),
                MarketId = "nope",
            }));
            Assert.Contains("'nope'", noMarket.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Percentiles_are_nearest_rank_over_every_sample()
    {
        // 1..1000 ms in a shuffled order: nearest rank ceil(q·n) gives p50 = 500, p90 = 900, p99 = 990, p99.9 = 999.
        var perMs = Stopwatch.Frequency / 1000.0;
        var ticks = Enumerable.Range(1, 1000).Select(k => (long)Math.Round(k * perMs)).OrderBy(t => (t * 7919) % 1000).ToArray();
        var s = LatencySummary.FromTicks(ticks);
        Assert.Equal(1000, s.Count);
        Assert.Equal(500, s.P50Ms, 6);
        Assert.Equal(900, s.P90Ms, 6);
        Assert.Equal(990, s.P99Ms, 6);
        Assert.Equal(999, s.P999Ms, 6);
        Assert.Equal(1000, s.MaxMs, 6);
        Assert.Equal(500.5, s.MeanMs, 3);
        Assert.Equal(0, LatencySummary.NearestRank(0.5, 1));
        Assert.Equal(1, LatencySummary.NearestRank(0.5, 3));
        Assert.Equal(0, LatencySummary.FromTicks([]).Count);
    }

    [Fact]
    public void Order_answers_are_read_for_their_status_and_trade_count()
    {
        var open = """{"client_order_id":"c0-1","status":"open","trades":[{"trade_id":1,"buyer":"a"},{"trade_id":2,"buyer":"a"}],"reason":null}""";
        Assert.Equal((true, 2), LoadClient.ReadOrderAnswer(Encoding.UTF8.GetBytes(open)));
        var filled = """{"status":"filled","nested":{"status":"open","trades":[{}]},"trades":[{"trade_id":3}]}""";
        Assert.Equal((false, 1), LoadClient.ReadOrderAnswer(Encoding.UTF8.GetBytes(filled)));
        Assert.Equal((false, 0), LoadClient.ReadOrderAnswer(Encoding.UTF8.GetBytes("not json")));
    }

    [Fact]
    public void Order_stream_prices_are_on_the_tick_grid_and_about_a_fifth_cross_the_mid()
    {
        var plan = new MarketPlan("m", [0, 3], 0.05m, -500m, 4000m);
        var stream = new OrderStream(plan, "c0-", 7);
        var crossing = 0;
        const int n = 4000;
        for (var i = 0; i < n; i++)
        {
            var (id, body, crosses) = stream.Next();
            Assert.Equal("c0-" + i.ToString(CultureInfo.InvariantCulture), id);
            var o = JsonNode.Parse(body)!;
            var price = o["price_eur_per_mwh"]!.GetValue<decimal>();
            var buy = o["side"]!.GetValue<string>() == "buy";
            Assert.Equal(0m, price % plan.TickEurPerMwh);
            Assert.Contains(o["slot"]!.GetValue<int>(), plan.Slots);
            Assert.True(o["quantity_kwh"]!.GetValue<int>() >= 1);

            // A crossing buy is priced above the mid, a resting one below; the other way round for sells.
            Assert.Equal(crosses == buy, price > plan.MidEurPerMwh);
            crossing += crosses ? 1 : 0;
        }

        Assert.InRange(crossing / (double)n, 0.17, 0.23);
    }

    private static Task<LemServer> Start(string dir) => LemServer.StartAsync(new ServerOptions
    {
        DataDirectory = dir,
        Urls = ["http://127.0.0.1:0"],
        OperatorKey = OperatorKey,
        RunGateClosureTimer = false,
        RateLimitBurst = 1_000_000,
        RateLimitPerSecond = 1_000_000,
    });

    private static async Task<long> Commands(LemServer server)
    {
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseAddresses[0]) };
        return JsonNode.Parse(await http.GetStringAsync("/v1/health"))!["commands"]!.GetValue<long>();
    }

    private static long Scalar(Microsoft.Data.Sqlite.SqliteConnection db, string sql, string? market)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        if (market is not null)
        {
            cmd.Parameters.AddWithValue("$m", market);
        }

        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
