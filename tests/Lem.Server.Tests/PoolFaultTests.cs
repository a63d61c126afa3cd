using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Lem.Domain.Ids;
using Lem.Domain.Orders;
using Lem.Pipeline;
using Lem.Server.Engine.Markets.Scenario;
using Lem.Server.Store;
using Xunit.Abstractions;

namespace Lem.Server.Tests;

/// <summary>
/// kill -9 of the real <c>lem serve</c> while a pool market on the village scenario (<see cref="VillageInlineScenario"/>,
/// 57 households on the Kerber Dorfnetz, 96 slots) clears at its gate closure, with the load generator trading in another
/// market and three households (h01 to h03) bidding into the pool until the gate closes. The kill comes 0.3 to 1.7 s after the gate
/// closure (the server's timer starts the clearing within a second of it), before, within or just after the clearing; the test does not depend on where the clearing runs (inside the
/// sequencer or off its lock as a separately committed command). After the restart the pool is cleared exactly once
/// (by the restarted server if the clearing was lost), every acknowledged order is there, the published prices of every
/// slot and bus equal a direct clearing (<see cref="ClearingPipeline"/>) of the scenario with the stored orders, the
/// generator's market matches its answers and <c>lem ledger verify</c> passes.
/// </summary>
[Trait("Category", "Heavy")]
public sealed class PoolFaultTests(ITestOutputHelper output)
{
    private const int Clients = 3;

    [Theory]
    [InlineData(0, 41)]
    [InlineData(1, 42)]
    [InlineData(2, 43)]
    [InlineData(3, 44)]
    [InlineData(4, 45)]
    public async Task Kill_9_during_a_village_pool_clearing_under_load_loses_nothing_and_the_restart_clears_like_a_direct_clearing(int cycle, int seed)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var store = FaultStore.Sqlite();
        var log = new FaultTests.FaultLog();
        var acked = new ConcurrentDictionary<(string Participant, string ClientOrderId), JsonObject>();
        var inFlight = new ConcurrentDictionary<(string Participant, string ClientOrderId), byte>();
        var keys = new string[Clients];
        JsonObject scenario;
        string[] participants;
        string market;
        using (var server = await store.StartAsync(FaultTests.OperatorKey, "--max-body-bytes", "4194304"))
        {
            using var http = new HttpClient { BaseAddress = server.BaseAddress };
            using var generator = await GeneratorRun.StartAsync(http, server.BaseAddress, log, seed);
            output.WriteLine($"generator started at {clock.Elapsed.TotalSeconds:F1} s");

            participants = VillageInlineScenario.Create(DateTimeOffset.UtcNow)["participants"]!.AsArray()
                .Where(p => p!["bus"] is not null && p["id"]!.GetValue<string>().StartsWith('h')).Select(p => p!["id"]!.GetValue<string>()).Take(Clients).ToArray();
            for (var c = 0; c < Clients; c++)
            {
                var registered = await FaultTests.Send(http, HttpMethod.Post, "/v1/participants", FaultTests.OperatorKey, $$"""{"participant_id":"{{participants[c]}}"}""");
                Assert.Equal(201, registered.Status);
                keys[c] = registered.Body!["api_key"]!.GetValue<string>();
            }

            await generator.WaitForAsync(FaultTests.GeneratorAcksBeforeKill);

            // The pool's gate closes 4 s from now (a whole second), one minute before its horizon starts. Reading the
            // village takes a while on a busy machine: when the market is created less than 2 s before its gate closure,
            // the next attempt (another market) leaves twice the time.
            DateTimeOffset gateClosure;
            for (var attempt = 0; ; attempt++)
            {
                market = attempt == 0 ? "village" : $"village-{attempt}";
                gateClosure = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() + (4 << attempt));
                scenario = VillageInlineScenario.Create(gateClosure.AddMinutes(1));
                var created = await FaultTests.Send(http, HttpMethod.Post, "/v1/markets", FaultTests.OperatorKey,
                    new JsonObject { ["market_id"] = market, ["mechanism"] = "pool", ["gate_closure_lead_minutes"] = 1, ["scenario"] = scenario.DeepClone() }.ToJsonString());
                Assert.True(created.Status == 201, created.Body?.ToJsonString());
                output.WriteLine($"market {market} created at {clock.Elapsed.TotalSeconds:F1} s");
                if (DateTimeOffset.UtcNow < gateClosure.AddSeconds(-2) || attempt == 3)
                {
                    break;
                }
            }

            var clients = Enumerable.Range(0, Clients).Select(c => Task.Run(() => BidUntilClosed(server.BaseAddress, market, c, participants[c], keys[c], seed * 10 + c, acked, inFlight))).ToArray();
            var killAt = gateClosure.AddMilliseconds(300 + (cycle * 350));
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

        Assert.True(acked.Count >= Clients, $"only {acked.Count} pool orders acknowledged");
        long closuresBeforeRestart;
        using (var db = DataFolder.OpenDatabaseReadOnly(store.Directory))
        using (var cmd = db.CreateCommand())
        {
            cmd.CommandText = $"SELECT COUNT(*) FROM gate_closures WHERE market_id = '{market}'";
            closuresBeforeRestart = Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
        }

        // The reference, computed while the server restarts and clears: the same scenario with the orders stored at the kill
        // (as the pool sees them, in slot and order-number order), cleared directly.
        var storedAtKill = StoredOrders(store.Directory, market);
        var reference = Task.Run(() => DirectClearing(scenario, storedAtKill));
        output.WriteLine($"cycle {cycle}: {closuresBeforeRestart} slot closures stored at the kill ({(closuresBeforeRestart == 0 ? "clearing lost" : "clearing stored")}); {acked.Count} pool orders acknowledged");
        var crashed = await store.VerifyLedgerAsync();
        Assert.True(crashed.ExitCode == 0, "lem ledger verify after the kill: " + crashed.Output);

        using (var server = await store.StartAsync(FaultTests.OperatorKey, "--max-body-bytes", "4194304"))
        {
            using var http = new HttpClient { BaseAddress = server.BaseAddress };
            var slots = await WaitForClearing(http, market, scenario);
            output.WriteLine($"cleared after restart at {clock.Elapsed.TotalSeconds:F1} s");
            await FaultTests.CheckGeneratorMarket(http, log);

            var orders = new List<JsonObject>();
            for (var c = 0; c < Clients; c++)
            {
                foreach (var o in (await FaultTests.Send(http, HttpMethod.Get, "/v1/orders", keys[c])).Body!["orders"]!.AsArray())
                {
                    var id = (participants[c], o!["client_order_id"]!.GetValue<string>());
                    Assert.True(acked.ContainsKey(id) || inFlight.ContainsKey(id), $"the order {id} was neither acknowledged nor in flight");
                    orders.Add(o.AsObject());
                }
            }

            foreach (var (id, answer) in acked)
            {
                var stored = orders.SingleOrDefault(o => o["participant_id"]!.GetValue<string>() == id.Participant && o["client_order_id"]!.GetValue<string>() == id.ClientOrderId);
                Assert.True(stored is not null, $"the acknowledged order {id} is missing after the restart");
                foreach (var field in new[] { "order_number", "slot", "side", "price_eur_per_mwh", "quantity_kwh", "submitted_at" })
                {
                    Assert.Equal(answer[field]!.ToJsonString(), stored[field]!.ToJsonString());
                }

                Assert.NotEqual("open", stored["status"]!.GetValue<string>());
            }

            var storedNumbers = orders.Where(o => o["status"]!.GetValue<string>() != "rejected").Select(o => o["order_number"]!.GetValue<long>()).Order().ToList();
            Assert.Equal(storedAtKill.Select(o => o.Number).Order().ToList(), storedNumbers);
            var direct = await reference;
            output.WriteLine($"reference cleared at {clock.Elapsed.TotalSeconds:F1} s");
            Assert.True(direct.Succeeded, direct.Message);
            Assert.Equal(direct.PricesEurPerMwh.Count, slots.Count);
            for (var s = 0; s < slots.Count; s++)
            {
                var pool = slots[s]!["pool"]!;
                Assert.Equal("optimal", pool["status"]!.GetValue<string>());
                for (var b = 0; b < direct.PriceLocations.Count; b++)
                {
                    Assert.Equal(direct.PricesEurPerMwh[s][b], pool["bus_prices_eur_per_mwh"]![direct.PriceLocations[b]]!.GetValue<double>(), 1e-5);
                }
            }

            server.KillHard();
        }

        var final = await store.VerifyLedgerAsync();
        Assert.True(final.ExitCode == 0, "lem ledger verify after the restart: " + final.Output);
    }

    /// <summary>The market's orders in the store (not rejected ones), read directly from its database.</summary>
    private static List<StoredOrder> StoredOrders(string directory, string market)
    {
        using var db = DataFolder.OpenDatabaseReadOnly(directory);
        using var cmd = db.CreateCommand();
        cmd.CommandText = $"SELECT order_number, participant_id, slot, side, price_eur_per_mwh, quantity_kwh FROM orders WHERE market_id = '{market}' AND status <> 'rejected' ORDER BY slot, order_number";
        using var r = cmd.ExecuteReader();
        var list = new List<StoredOrder>();
        while (r.Read())
        {
            list.Add(new StoredOrder(r.GetInt64(0), r.GetString(1), r.GetInt32(2), r.GetString(3),
                decimal.Parse(r.GetString(4), CultureInfo.InvariantCulture), decimal.Parse(r.GetString(5), CultureInfo.InvariantCulture)));
        }

        return list;
    }

    /// <summary>The pool clearing of the scenario with the orders added to their participants, through the pipeline.</summary>
    private static Lem.Markets.Clearing.ClearingResult DirectClearing(JsonObject scenario, List<StoredOrder> orders)
    {
        var read = ScenarioMarketKind.ReadInlineScenario(scenario);
        Assert.True(read.IsValid, string.Join("; ", read.Errors));
        var extra = orders.GroupBy(o => o.Participant).ToDictionary(g => g.Key, g => g.Select(o => new Order(
            new OrderId("server-order-" + o.Number.ToString(CultureInfo.InvariantCulture)), new ParticipantId(g.Key),
            o.Side == "buy" ? OrderSide.Buy : OrderSide.Sell, o.Slot, o.PriceEurPerMwh, o.QuantityKwh)).ToList());
        var withOrders = read.Scenario! with
        {
            Participants = [.. read.Scenario!.Participants.Select(p => extra.TryGetValue(p.Id.Value, out var add) ? p with { Orders = [.. p.Orders, .. add] } : p)],
        };
        return ClearingPipeline.Run(withOrders, new PipelineRequest("pool") { Settle = withOrders.HasSettlement }).Clearing!;
    }

    /// <summary>Bids into the pool (households 0 and 1 buy at 300, household 2 sells at 5 EUR/MWh; 1 to 3 kWh each) until the gate closes (409) or the server dies.</summary>
    private static Task BidUntilClosed(Uri baseAddress, string market, int client, string participant, string key, int seed,
        ConcurrentDictionary<(string, string), JsonObject> acked, ConcurrentDictionary<(string, string), byte> inFlight)
    {
        var (side, price) = client < 2 ? ("buy", 300) : ("sell", 5);
        return FaultBidder.UntilClosed(baseAddress, market, participant, key, $"p{client}", seed, 50, (id, random) =>
            $$"""{"client_order_id":"{{id}}","slot":{{random.Next(96)}},"side":"{{side}}","price_eur_per_mwh":{{price}},"quantity_kwh":{{1 + random.Next(3)}}}""", acked, inFlight);
    }

    /// <summary>Waits (up to 120 s) until every slot of the pool is closed and returns the published slots.</summary>
    private static async Task<JsonArray> WaitForClearing(HttpClient http, string market, JsonObject scenario)
    {
        var read = ScenarioMarketKind.ReadInlineScenario(scenario);
        var count = read.Scenario!.Horizon.Count;
        var deadline = DateTimeOffset.UtcNow.AddSeconds(120);
        while (true)
        {
            var slots = (await FaultTests.Send(http, HttpMethod.Get, $"/v1/markets/{market}/prices", null)).Body!["slots"]!.AsArray();
            if (slots.Count >= count)
            {
                return slots;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"the pool is not cleared after the restart ({slots.Count} of {count} slots)");
            await Task.Delay(100);
        }
    }

    private sealed record StoredOrder(long Number, string Participant, int Slot, string Side, decimal PriceEurPerMwh, decimal QuantityKwh);
}
