using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Lem.Server.LoadTest;

namespace Lem.Server.Tests;

/// <summary>
/// The fault test: the real <c>lem serve</c> process under load from concurrent recording clients and, at the same time,
/// from the project's load generator (<see cref="LoadGenerator"/>, in its own market) is killed with SIGKILL and restarted
/// on the same data folder. Every acknowledged order and trade must be there, unacknowledged requests are either wholly
/// there or absent, the books equal the books rebuilt from the server's own answers (and, in the generator's market, its
/// open orders), and <c>lem ledger verify</c> passes.
/// </summary>
[Trait("Category", "Heavy")]
public sealed class FaultTests
{
    internal const string OperatorKey = "fault-test-operator-key";
    private const int Clients = 4;
    internal const string GeneratorMarket = "lg";
    internal const int GeneratorParticipants = 4;
    internal const int GeneratorConnections = 2;
    internal const int GeneratorSlots = 4;
    internal const int GeneratorAcksBeforeKill = 30;

    [Theory]
    [InlineData(5, 1)]
    [InlineData(40, 2)]
    [InlineData(90, 3)]
    [InlineData(160, 4)]
    [InlineData(260, 5)]
    public async Task Kill_9_under_load_loses_no_acknowledged_order_or_trade_and_the_restarted_books_match_the_answers(int killAfterAcks, int seed)
    {
        using var store = FaultStore.Sqlite();
        await KillUnderLoad(store, killAfterAcks, seed);
    }

    /// <summary>The same kill -9 cycle with the PostgreSQL store (<c>lem serve --postgres</c>, the password from the environment).</summary>
    [PostgresTheory]
    [InlineData(5, 11)]
    [InlineData(40, 12)]
    [InlineData(90, 13)]
    [InlineData(160, 14)]
    [InlineData(260, 15)]
    public async Task Kill_9_under_load_on_the_PostgreSQL_store_loses_no_acknowledged_order_or_trade_and_the_restarted_books_match_the_answers(int killAfterAcks, int seed)
    {
        using var store = FaultStore.CreatePostgres();
        await KillUnderLoad(store, killAfterAcks, seed);
    }

    private static async Task KillUnderLoad(FaultStore store, int killAfterAcks, int seed)
    {
        {
            var keys = new string[Clients];
            var log = new FaultLog();
            using (var server = await store.StartAsync(OperatorKey))
            {
                using var http = new HttpClient { BaseAddress = server.BaseAddress };
                var start = DateTimeOffset.UtcNow.Date.AddDays(2).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
                var market = await Send(http, HttpMethod.Post, "/v1/markets", OperatorKey,
                    $$"""{"market_id":"m1","mechanism":"continuous","delivery_start":"{{start}}","slot_minutes":15,"slot_count":2,"gate_closure_lead_minutes":60,"tick_size_eur_per_mwh":1}""");
                Assert.Equal(201, market.Status);
                for (var c = 0; c < Clients; c++)
                {
                    var registered = await Send(http, HttpMethod.Post, "/v1/participants", OperatorKey, $$"""{"participant_id":"p{{c}}"}""");
                    Assert.Equal(201, registered.Status);
                    keys[c] = registered.Body!["api_key"]!.GetValue<string>();
                }

                // The load generator trades in its own market with its own participants (4 × 2 keep-alive connections).
                var generatorMarket = await Send(http, HttpMethod.Post, "/v1/markets", OperatorKey,
                    $$"""{"market_id":"{{GeneratorMarket}}","mechanism":"continuous","delivery_start":"{{start}}","slot_minutes":60,"slot_count":{{GeneratorSlots}},"gate_closure_lead_minutes":60,"tick_size_eur_per_mwh":1}""");
                Assert.Equal(201, generatorMarket.Status);
                using var generatorStop = new CancellationTokenSource();
                var generator = Task.Run(() => LoadGenerator.RunAsync(new LoadTestOptions
                {
                    BaseAddress = server.BaseAddress,
                    OperatorKey = OperatorKey,
                    Participants = GeneratorParticipants,
                    ConnectionsPerParticipant = GeneratorConnections,
                    Duration = TimeSpan.FromMinutes(5),
                    MarketId = GeneratorMarket,
                    Seed = seed,
                    OnParticipantRegistered = (participant, key) => log.GeneratorKeys[participant] = key,
                    OnOrderAcknowledged = log.AcknowledgeGenerated,
                }, generatorStop.Token));

                // Clients 0 and 1 buy, 2 and 3 sell (no self-crossing); each submits and sometimes cancels until the kill.
                var load = Enumerable.Range(0, Clients).Select(c => Task.Run(() => RunClient(server.BaseAddress, c, keys[c], seed * 100 + c, log))).ToArray();
                while ((log.Acknowledged < killAfterAcks || log.GeneratorAcknowledged < GeneratorAcksBeforeKill) && load.All(l => !l.IsCompleted) && !generator.IsCompleted)
                {
                    await Task.Delay(1);
                }

                if (generator.IsCompleted)
                {
                    // Surfaces the generator's failure, if any, instead of a bare assertion.
                    await generator;
                    Assert.Fail("the load generator ended before the kill");
                }

                server.KillHard();
                await Task.WhenAll(load);

                // The generator sees connection errors and stops after its retries; it is cancelled if it has not within the bound.
                generatorStop.CancelAfter(TimeSpan.FromSeconds(20));
                try
                {
                    var generated = await generator;
                    Assert.Equal(GeneratorMarket, generated.MarketId);
                    Assert.True(generated.TransportErrors > 0, "the load generator ended without seeing the kill");
                    Assert.True(generated.AcceptedOrders >= log.GeneratorOrders.Count, $"{generated.AcceptedOrders} accepted, {log.GeneratorOrders.Count} acknowledged");
                }
                catch (OperationCanceledException) when (generatorStop.IsCancellationRequested)
                {
                    // Cancelled at the bound: its acknowledged orders were recorded as they came.
                }
            }

            Assert.True(log.Acknowledged >= killAfterAcks, $"only {log.Acknowledged} answers before the load ended");
            Assert.True(log.GeneratorAcknowledged >= GeneratorAcksBeforeKill, $"only {log.GeneratorAcknowledged} generator orders acknowledged before the kill");

            // Every client stopped only because its request in flight lost the server: the kill hit the load.
            Assert.Equal(Clients, log.Unacknowledged.Count);
            var crashed = await store.VerifyLedgerAsync();
            Assert.True(crashed.ExitCode == 0, "lem ledger verify after the kill: " + crashed.Output);

            using (var server = await store.StartAsync(OperatorKey))
            {
                using var http = new HttpClient { BaseAddress = server.BaseAddress };
                await CheckRecoveredState(http, keys, log);
                await CheckGeneratorMarket(http, log);

                // The restarted server keeps trading and storing.
                var after = await Send(http, HttpMethod.Post, "/v1/markets/m1/orders", keys[0], """{"client_order_id":"after-restart","slot":0,"side":"buy","price_eur_per_mwh":1,"quantity_kwh":1}""");
                Assert.Equal(201, after.Status);
                server.KillHard();
            }

            var final = await store.VerifyLedgerAsync();
            Assert.True(final.ExitCode == 0, "lem ledger verify after the restart: " + final.Output);
        }
    }

    private static async Task RunClient(Uri baseAddress, int client, string key, int seed, FaultLog log)
    {
        var random = new Random(seed);
        var participant = $"p{client}";
        var side = client < 2 ? "buy" : "sell";
        var mine = new List<string>();
        using var http = new HttpClient { BaseAddress = baseAddress };
        for (var n = 0; ; n++)
        {
            var cancel = mine.Count > 0 && random.Next(5) == 0;
            var clientOrderId = cancel ? mine[random.Next(mine.Count)] : $"c{client}-{n}";
            var request = cancel
                ? (Method: HttpMethod.Delete, Path: $"/v1/orders/{clientOrderId}", Body: (string?)null)
                : (Method: HttpMethod.Post, Path: "/v1/markets/m1/orders",
                    Body: $$"""{"client_order_id":"{{clientOrderId}}","slot":{{random.Next(2)}},"side":"{{side}}","price_eur_per_mwh":{{45 + random.Next(11)}},"quantity_kwh":{{1 + random.Next(10)}}}""");
            (int Status, JsonNode? Body) answer;
            try
            {
                answer = await Send(http, request.Method, request.Path, key, request.Body);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
            {
                // The server died with this request in flight: it may or may not have been executed.
                log.Unacknowledged[(participant, clientOrderId)] = cancel ? "cancel" : "submit";
                return;
            }

            if (cancel)
            {
                Assert.Equal(200, answer.Status);
                log.Cancels[(participant, clientOrderId)] = answer.Body!["status"]!.GetValue<string>();
                mine.Remove(clientOrderId);
            }
            else
            {
                Assert.True(answer.Status is 201 or 422, $"{answer.Status}: {answer.Body}");
                log.Orders[(participant, clientOrderId)] = answer.Body!.AsObject();
                foreach (var t in answer.Body["trades"]!.AsArray())
                {
                    log.Trades[t!["trade_id"]!.GetValue<long>()] = t.AsObject();
                }

                if (answer.Body["status"]!.GetValue<string>() == "open")
                {
                    mine.Add(clientOrderId);
                }
            }

            log.Acknowledge();
        }
    }

    private static async Task CheckRecoveredState(HttpClient http, string[] keys, FaultLog log)
    {
        var orders = new Dictionary<(string, string), JsonObject>();
        var trades = new Dictionary<long, JsonObject>();
        for (var c = 0; c < Clients; c++)
        {
            foreach (var o in (await Send(http, HttpMethod.Get, "/v1/orders", keys[c])).Body!["orders"]!.AsArray())
            {
                orders.Add((o!["participant_id"]!.GetValue<string>(), o["client_order_id"]!.GetValue<string>()), o.AsObject());
            }

            foreach (var t in (await Send(http, HttpMethod.Get, "/v1/trades", keys[c])).Body!["trades"]!.AsArray())
            {
                trades.TryAdd(t!["trade_id"]!.GetValue<long>(), t.AsObject());
            }
        }

        // Every acknowledged order is there with the fields it was acknowledged with.
        foreach (var (id, acked) in log.Orders)
        {
            Assert.True(orders.TryGetValue(id, out var stored), $"the acknowledged order {id} is missing after the restart");
            foreach (var field in new[] { "order_number", "market_id", "slot", "side", "price_eur_per_mwh", "quantity_kwh", "submitted_at" })
            {
                Assert.Equal(acked[field]!.ToJsonString(), stored[field]!.ToJsonString());
            }
        }

        // Every trade a client was told about is there, identical; every other trade comes from a request in flight at the kill.
        foreach (var (tradeId, acked) in log.Trades)
        {
            Assert.True(trades.TryGetValue(tradeId, out var stored), $"the acknowledged trade {tradeId} is missing after the restart");
            Assert.Equal(acked.ToJsonString(), stored.ToJsonString());
        }

        var unackedSubmits = log.Unacknowledged.Where(kv => kv.Value == "submit").Select(kv => kv.Key).ToHashSet();
        foreach (var (tradeId, t) in trades.Where(kv => !log.Trades.ContainsKey(kv.Key)))
        {
            Assert.True(unackedSubmits.Contains((t["buyer"]!.GetValue<string>(), t["buy_client_order_id"]!.GetValue<string>()))
                || unackedSubmits.Contains((t["seller"]!.GetValue<string>(), t["sell_client_order_id"]!.GetValue<string>())),
                $"trade {tradeId} was never acknowledged and no request in flight explains it");
        }

        foreach (var id in orders.Keys.Where(k => !log.Orders.ContainsKey(k)))
        {
            Assert.Contains(id, unackedSubmits);
        }

        // No order is partial: its fills are exactly its trades, and open = quantity - filled while it is open.
        var filled = new Dictionary<(string, string), decimal>();
        foreach (var t in trades.Values)
        {
            var q = t["quantity_kwh"]!.GetValue<decimal>();
            var buy = (t["buyer"]!.GetValue<string>(), t["buy_client_order_id"]!.GetValue<string>());
            var sell = (t["seller"]!.GetValue<string>(), t["sell_client_order_id"]!.GetValue<string>());
            filled[buy] = filled.GetValueOrDefault(buy) + q;
            filled[sell] = filled.GetValueOrDefault(sell) + q;
        }

        foreach (var (id, o) in orders)
        {
            var status = o["status"]!.GetValue<string>();
            Assert.Equal(filled.GetValueOrDefault(id), o["filled_kwh"]!.GetValue<decimal>());
            var open = o["quantity_kwh"]!.GetValue<decimal>() - o["filled_kwh"]!.GetValue<decimal>();
            Assert.Equal(status == "open" ? open : 0m, o["open_kwh"]!.GetValue<decimal>());
        }

        // The books rebuilt from the answers: an acknowledged order that no in-flight request touched has exactly the open
        // quantity of its answer minus the acknowledged trades against it since, or none after an acknowledged cancel.
        var touched = trades.Where(kv => !log.Trades.ContainsKey(kv.Key)).SelectMany(kv => new[]
        {
            (kv.Value["buyer"]!.GetValue<string>(), kv.Value["buy_client_order_id"]!.GetValue<string>()),
            (kv.Value["seller"]!.GetValue<string>(), kv.Value["sell_client_order_id"]!.GetValue<string>()),
        }).Concat(log.Unacknowledged.Keys).ToHashSet();
        var expectedBook = new Dictionary<(int Slot, string Side, decimal Price), decimal>();
        var checkedOrders = 0;
        foreach (var (id, acked) in log.Orders)
        {
            var stored = orders[id];
            if (touched.Contains(id))
            {
                continue;
            }

            checkedOrders++;
            var own = acked["trades"]!.AsArray().Select(t => t!["trade_id"]!.GetValue<long>()).ToHashSet();
            var laterFills = log.Trades.Values.Where(t => !own.Contains(t["trade_id"]!.GetValue<long>())
                && (((string)t["buyer"]!, (string)t["buy_client_order_id"]!) == id || ((string)t["seller"]!, (string)t["sell_client_order_id"]!) == id))
                .Sum(t => t["quantity_kwh"]!.GetValue<decimal>());
            var expectedOpen = acked["open_kwh"]!.GetValue<decimal>() - laterFills;
            if (log.Cancels.TryGetValue(id, out var cancelStatus) && cancelStatus == "cancelled")
            {
                expectedOpen = 0;
                Assert.Equal("cancelled", stored["status"]!.GetValue<string>());
            }

            Assert.True(expectedOpen == stored["open_kwh"]!.GetValue<decimal>(), $"order {id}: open {stored["open_kwh"]} after the restart, {expectedOpen} from the answers");
        }

        Assert.True(checkedOrders > 0);

        // The public depth equals the open orders, level by level.
        foreach (var o in orders.Values.Where(o => o["status"]!.GetValue<string>() == "open"))
        {
            var level = (o["slot"]!.GetValue<int>(), o["side"]!.GetValue<string>(), o["price_eur_per_mwh"]!.GetValue<decimal>());
            expectedBook[level] = expectedBook.GetValueOrDefault(level) + o["open_kwh"]!.GetValue<decimal>();
        }

        var depth = new Dictionary<(int Slot, string Side, decimal Price), decimal>();
        for (var slot = 0; slot < 2; slot++)
        {
            var d = (await Send(http, HttpMethod.Get, $"/v1/markets/m1/depth?slot={slot}", null)).Body!;
            foreach (var (side, name) in new[] { ("buy", "bids"), ("sell", "asks") })
            {
                foreach (var l in d[name]!.AsArray())
                {
                    depth[(slot, side, l!["price_eur_per_mwh"]!.GetValue<decimal>())] = l["quantity_kwh"]!.GetValue<decimal>();
                }
            }
        }

        Assert.Equal(expectedBook.OrderBy(kv => kv.Key).ToList(), depth.OrderBy(kv => kv.Key).ToList());
    }

    /// <summary>
    /// The load generator's market after the restart: every order it saw acknowledged is there, at most one request in
    /// flight per generator connection explains a stored order it was not told about, every order's fills are its
    /// trades, and the public depth equals the open orders level by level.
    /// </summary>
    internal static async Task CheckGeneratorMarket(HttpClient http, FaultLog log)
    {
        Assert.Equal(GeneratorParticipants, log.GeneratorKeys.Count);
        var orders = new Dictionary<(string, string), JsonObject>();
        var trades = new Dictionary<long, JsonObject>();
        foreach (var (participant, key) in log.GeneratorKeys)
        {
            foreach (var o in (await Send(http, HttpMethod.Get, "/v1/orders", key)).Body!["orders"]!.AsArray())
            {
                Assert.Equal(GeneratorMarket, o!["market_id"]!.GetValue<string>());
                Assert.Equal(participant, o["participant_id"]!.GetValue<string>());
                orders.Add((participant, o["client_order_id"]!.GetValue<string>()), o.AsObject());
            }

            foreach (var t in (await Send(http, HttpMethod.Get, "/v1/trades", key)).Body!["trades"]!.AsArray())
            {
                trades.TryAdd(t!["trade_id"]!.GetValue<long>(), t.AsObject());
            }
        }

        foreach (var id in log.GeneratorOrders.Keys)
        {
            Assert.True(orders.TryGetValue(id, out var stored), $"the generator's acknowledged order {id} is missing after the restart");
            Assert.NotEqual("rejected", stored["status"]!.GetValue<string>());
        }

        // Orders it was not told about: the book's rejections (422) and at most one request in flight per connection.
        var unacknowledged = orders.Where(kv => !log.GeneratorOrders.ContainsKey(kv.Key) && kv.Value["status"]!.GetValue<string>() != "rejected").ToList();
        Assert.True(unacknowledged.Count <= GeneratorParticipants * GeneratorConnections,
            $"{unacknowledged.Count} stored orders were never acknowledged: {string.Join(", ", unacknowledged.Select(kv => kv.Key))}");

        var filled = new Dictionary<(string, string), decimal>();
        foreach (var t in trades.Values)
        {
            Assert.Equal(GeneratorMarket, t["market_id"]!.GetValue<string>());
            var q = t["quantity_kwh"]!.GetValue<decimal>();
            var buy = (t["buyer"]!.GetValue<string>(), t["buy_client_order_id"]!.GetValue<string>());
            var sell = (t["seller"]!.GetValue<string>(), t["sell_client_order_id"]!.GetValue<string>());
            Assert.True(orders.ContainsKey(buy) && orders.ContainsKey(sell), $"trade {t["trade_id"]} refers to an order that is not stored");
            filled[buy] = filled.GetValueOrDefault(buy) + q;
            filled[sell] = filled.GetValueOrDefault(sell) + q;
        }

        var expectedBook = new Dictionary<(int Slot, string Side, decimal Price), decimal>();
        foreach (var (id, o) in orders)
        {
            Assert.True(filled.GetValueOrDefault(id) == o["filled_kwh"]!.GetValue<decimal>(), $"order {id}: filled {o["filled_kwh"]}, its trades {filled.GetValueOrDefault(id)}");
            if (o["status"]!.GetValue<string>() == "open")
            {
                var level = (o["slot"]!.GetValue<int>(), o["side"]!.GetValue<string>(), o["price_eur_per_mwh"]!.GetValue<decimal>());
                expectedBook[level] = expectedBook.GetValueOrDefault(level) + o["open_kwh"]!.GetValue<decimal>();
            }
        }

        Assert.NotEmpty(expectedBook);
        var depth = new Dictionary<(int Slot, string Side, decimal Price), decimal>();
        for (var slot = 0; slot < GeneratorSlots; slot++)
        {
            var d = (await Send(http, HttpMethod.Get, $"/v1/markets/{GeneratorMarket}/depth?slot={slot}", null)).Body!;
            foreach (var (side, name) in new[] { ("buy", "bids"), ("sell", "asks") })
            {
                foreach (var l in d[name]!.AsArray())
                {
                    depth[(slot, side, l!["price_eur_per_mwh"]!.GetValue<decimal>())] = l["quantity_kwh"]!.GetValue<decimal>();
                }
            }
        }

        Assert.Equal(expectedBook.OrderBy(kv => kv.Key).ToList(), depth.OrderBy(kv => kv.Key).ToList());
    }

    internal static async Task<(int Status, JsonNode? Body)> Send(HttpClient http, HttpMethod method, string path, string? key, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length > 0 ? JsonNode.Parse(text) : null);
    }

    /// <summary>
    /// What the clients were told: acknowledged orders, trades and cancels, and the requests in flight at the kill; and the
    /// load generator's participants (with their keys) and the orders it saw acknowledged.
    /// </summary>
    internal sealed class FaultLog
    {
        private int _acknowledged;
        private int _generatorAcknowledged;

        public ConcurrentDictionary<string, string> GeneratorKeys { get; } = new();

        public ConcurrentDictionary<(string Participant, string ClientOrderId), byte> GeneratorOrders { get; } = new();

        public int GeneratorAcknowledged => Volatile.Read(ref _generatorAcknowledged);

        public void AcknowledgeGenerated(string participant, string clientOrderId)
        {
            Assert.True(GeneratorOrders.TryAdd((participant, clientOrderId), 0), $"the generator was told twice about {clientOrderId}");
            Interlocked.Increment(ref _generatorAcknowledged);
        }

        public ConcurrentDictionary<(string Participant, string ClientOrderId), JsonObject> Orders { get; } = new();

        public ConcurrentDictionary<long, JsonObject> Trades { get; } = new();

        public ConcurrentDictionary<(string Participant, string ClientOrderId), string> Cancels { get; } = new();

        public ConcurrentDictionary<(string Participant, string ClientOrderId), string> Unacknowledged { get; } = new();

        public int Acknowledged => Volatile.Read(ref _acknowledged);

        public void Acknowledge() => Interlocked.Increment(ref _acknowledged);
    }
}
