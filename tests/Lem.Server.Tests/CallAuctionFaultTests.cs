using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Lem.Server.Store;
using Xunit.Abstractions;

namespace Lem.Server.Tests;

/// <summary>
/// kill -9 of the real <c>lem serve</c> around a call auction's gate closure, with the load generator trading in another
/// market: four clients fill the auction until its gate closes (buyers at 55, sellers at 45 EUR/MWh, so every order is in
/// the money), the server's clock runs the closure (polled every second) and the server is killed at a different moment
/// of that second in each cycle, before, while or after the closure commits. After the restart the closure is there
/// exactly once (run by the restarted server if it was lost), every acknowledged order is there, the auction cleared all
/// of it at one price between the limits with the volume of the shorter side, no order is left open, the generator's
/// market matches its answers and <c>lem ledger verify</c> passes.
/// </summary>
[Trait("Category", "Heavy")]
public sealed class CallAuctionFaultTests(ITestOutputHelper output)
{
    private const string Market = "auc";
    private const int Clients = 4;

    [Theory]
    [InlineData(0, 31)]
    [InlineData(1, 32)]
    [InlineData(2, 33)]
    [InlineData(3, 34)]
    [InlineData(4, 35)]
    public async Task Kill_9_around_a_call_auctions_gate_closure_under_load_loses_nothing_and_the_auction_clears_once(int cycle, int seed)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var store = FaultStore.Sqlite();
        var log = new FaultTests.FaultLog();
        var acked = new ConcurrentDictionary<(string Participant, string ClientOrderId), JsonObject>();
        var inFlight = new ConcurrentDictionary<(string Participant, string ClientOrderId), byte>();
        var keys = new string[Clients];
        DateTimeOffset gateClosure;
        using (var server = await store.StartAsync(FaultTests.OperatorKey))
        {
            using var http = new HttpClient { BaseAddress = server.BaseAddress };
            for (var c = 0; c < Clients; c++)
            {
                var registered = await FaultTests.Send(http, HttpMethod.Post, "/v1/participants", FaultTests.OperatorKey, $$"""{"participant_id":"a{{c}}"}""");
                Assert.Equal(201, registered.Status);
                keys[c] = registered.Body!["api_key"]!.GetValue<string>();
            }

            using var generator = await GeneratorRun.StartAsync(http, server.BaseAddress, log, seed);
            await generator.WaitForAsync(FaultTests.GeneratorAcksBeforeKill);

            // The auction's only slot closes 3 s from now (a whole second, no lead): delivery starts at its gate closure.
            gateClosure = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 4);
            var created = await FaultTests.Send(http, HttpMethod.Post, "/v1/markets", FaultTests.OperatorKey,
                $$"""{"market_id":"{{Market}}","mechanism":"call_auction","delivery_start":"{{Iso(gateClosure)}}","slot_minutes":15,"slot_count":1,"gate_closure_lead_minutes":0,"tick_size_eur_per_mwh":1}""");
            Assert.Equal(201, created.Status);

            var clients = Enumerable.Range(0, Clients).Select(c => Task.Run(() => FillUntilClosed(server.BaseAddress, c, keys[c], seed * 10 + c, acked, inFlight))).ToArray();

            // Kill within the second after the gate closure in which the server's one-second timer runs it: 0.1 to 1.3 s.
            var killAt = gateClosure.AddMilliseconds(100 + (cycle * 300));
            while (DateTimeOffset.UtcNow < killAt)
            {
                await Task.Delay(5);
            }

            generator.AssertRunning();
            server.KillHard();
            output.WriteLine($"killed at {clock.Elapsed.TotalSeconds:F1} s");
            await Task.WhenAll(clients);
            await generator.StoppedByKillAsync();
            output.WriteLine($"load stopped at {clock.Elapsed.TotalSeconds:F1} s");
        }

        Assert.True(acked.Count >= Clients * 3, $"only {acked.Count} auction orders acknowledged");
        bool closedBeforeRestart;
        using (var db = DataFolder.OpenDatabaseReadOnly(store.Directory))
        using (var cmd = db.CreateCommand())
        {
            cmd.CommandText = $"SELECT COUNT(*) FROM gate_closures WHERE market_id = '{Market}'";
            closedBeforeRestart = Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
        }

        output.WriteLine($"cycle {cycle}: killed {(closedBeforeRestart ? "after" : "before")} the gate closure was stored; {acked.Count} auction orders acknowledged, {inFlight.Count} in flight");
        var crashed = await store.VerifyLedgerAsync();
        Assert.True(crashed.ExitCode == 0, "lem ledger verify after the kill: " + crashed.Output);

        using (var server = await store.StartAsync(FaultTests.OperatorKey))
        {
            using var http = new HttpClient { BaseAddress = server.BaseAddress };
            output.WriteLine($"restarted at {clock.Elapsed.TotalSeconds:F1} s");
            var slots = await WaitForClosure(http);
            output.WriteLine($"closure seen at {clock.Elapsed.TotalSeconds:F1} s");
            var closure = Assert.Single(slots)!;
            await FaultTests.CheckGeneratorMarket(http, log);

            var orders = new Dictionary<(string, string), JsonObject>();
            var trades = new Dictionary<long, JsonObject>();
            for (var c = 0; c < Clients; c++)
            {
                foreach (var o in (await FaultTests.Send(http, HttpMethod.Get, "/v1/orders", keys[c])).Body!["orders"]!.AsArray())
                {
                    orders.Add(($"a{c}", o!["client_order_id"]!.GetValue<string>()), o.AsObject());
                }

                foreach (var t in (await FaultTests.Send(http, HttpMethod.Get, "/v1/trades", keys[c])).Body!["trades"]!.AsArray())
                {
                    trades.TryAdd(t!["trade_id"]!.GetValue<long>(), t.AsObject());
                }
            }

            // Every acknowledged order is there as acknowledged; any other comes from a request in flight at the kill.
            foreach (var (id, answer) in acked)
            {
                Assert.True(orders.TryGetValue(id, out var stored), $"the acknowledged order {id} is missing after the restart");
                foreach (var field in new[] { "order_number", "side", "price_eur_per_mwh", "quantity_kwh", "submitted_at" })
                {
                    Assert.Equal(answer[field]!.ToJsonString(), stored[field]!.ToJsonString());
                }
            }

            Assert.All(orders.Keys.Where(k => !acked.ContainsKey(k)), k => Assert.Contains(k, inFlight.Keys));

            // The auction cleared every stored order once: one price within the limits, the shorter side's volume, fills = trades.
            var live = orders.Values.Where(o => o["status"]!.GetValue<string>() != "rejected").ToList();
            var buyKwh = live.Where(o => o["side"]!.GetValue<string>() == "buy").Sum(o => o["quantity_kwh"]!.GetValue<decimal>());
            var sellKwh = live.Where(o => o["side"]!.GetValue<string>() == "sell").Sum(o => o["quantity_kwh"]!.GetValue<decimal>());
            var price = closure["price_eur_per_mwh"]!.GetValue<decimal>();
            Assert.InRange(price, 45m, 55m);
            Assert.Equal(Math.Min(buyKwh, sellKwh), closure["volume_kwh"]!.GetValue<decimal>());
            Assert.All(trades.Values, t => Assert.Equal(Market, t["market_id"]!.GetValue<string>()));
            Assert.All(trades.Values, t => Assert.Equal(price, t["price_eur_per_mwh"]!.GetValue<decimal>()));
            Assert.Equal(Math.Min(buyKwh, sellKwh), trades.Values.Sum(t => t["quantity_kwh"]!.GetValue<decimal>()));
            var filled = new Dictionary<(string, string), decimal>();
            foreach (var t in trades.Values)
            {
                var q = t["quantity_kwh"]!.GetValue<decimal>();
                var buy = (t["buyer"]!.GetValue<string>(), t["buy_client_order_id"]!.GetValue<string>());
                var sell = (t["seller"]!.GetValue<string>(), t["sell_client_order_id"]!.GetValue<string>());
                filled[buy] = filled.GetValueOrDefault(buy) + q;
                filled[sell] = filled.GetValueOrDefault(sell) + q;
            }

            var shortSide = buyKwh <= sellKwh ? "buy" : "sell";
            foreach (var (id, o) in orders)
            {
                Assert.Equal(filled.GetValueOrDefault(id), o["filled_kwh"]!.GetValue<decimal>());
                Assert.NotEqual("open", o["status"]!.GetValue<string>());
                Assert.Equal(0m, o["open_kwh"]!.GetValue<decimal>());
                if (o["side"]!.GetValue<string>() == shortSide && o["status"]!.GetValue<string>() != "rejected")
                {
                    Assert.Equal(o["quantity_kwh"]!.GetValue<decimal>(), o["filled_kwh"]!.GetValue<decimal>());
                }
            }

            server.KillHard();
        }

        var final = await store.VerifyLedgerAsync();
        Assert.True(final.ExitCode == 0, "lem ledger verify after the restart: " + final.Output);
    }

    /// <summary>Submits in-the-money orders until the gate closes (409) or the server dies (the request in flight is recorded).</summary>
    private static Task FillUntilClosed(Uri baseAddress, int client, string key, int seed,
        ConcurrentDictionary<(string, string), JsonObject> acked, ConcurrentDictionary<(string, string), byte> inFlight)
    {
        var (side, price) = client < 2 ? ("buy", 55) : ("sell", 45);
        return FaultBidder.UntilClosed(baseAddress, Market, $"a{client}", key, $"x{client}", seed, 20, (id, random) =>
            $$"""{"client_order_id":"{{id}}","slot":0,"side":"{{side}}","price_eur_per_mwh":{{price}},"quantity_kwh":{{1 + random.Next(10)}}}""", acked, inFlight);
    }

    /// <summary>Waits (up to 30 s) until the auction's slot is closed and returns the published slots.</summary>
    private static async Task<JsonArray> WaitForClosure(HttpClient http)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (true)
        {
            var slots = (await FaultTests.Send(http, HttpMethod.Get, $"/v1/markets/{Market}/prices", null)).Body!["slots"]!.AsArray();
            if (slots.Count > 0 || DateTimeOffset.UtcNow > deadline)
            {
                return slots;
            }

            await Task.Delay(50);
        }
    }

    private static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
