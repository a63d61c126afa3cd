using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Lem.Server.Cluster;
using Lem.Testing;
using Npgsql;

namespace Lem.Server.Tests;

/// <summary>
/// <c>lem serve --cluster</c> as real processes on loopback over the test PostgreSQL (docs/cluster-server.md): orders sent
/// through different nodes to one market are sequenced once; a node killed with SIGKILL under load loses no acknowledged
/// order, its markets come back on the surviving nodes, and every market's ledger verifies.
/// </summary>
[Trait("Category", "Heavy")]
public sealed class ClusterServerTests
{
    private const string OperatorKey = "cluster-test-operator-key-0123456789";

    [PostgresFact]
    public async Task Orders_through_three_nodes_are_sequenced_once_and_survive_a_killed_node()
    {
        using var pg = TestPostgres.CreateDatabase();
        var data = Path.Combine(Path.GetTempPath(), "lem-cluster-" + Guid.NewGuid().ToString("N"));
        var nodes = new List<FaultServerProcess>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                nodes.Add(await FaultServerProcess.StartAsync(data, OperatorKey, ["--cluster", pg.ConnectionString], null));
            }

            var clients = nodes.Select(n => new HttpClient { BaseAddress = n.BaseAddress, Timeout = TimeSpan.FromSeconds(60) }).ToList();
            var markets = new[] { "north", "south", "east", "west" };
            foreach (var m in markets)
            {
                var created = await SendAsync(clients[0], HttpMethod.Post, "/v1/markets", OperatorKey, MarketBody(m));
                Assert.Equal(HttpStatusCode.Created, created.Status);
            }

            var keys = new Dictionary<string, string>();
            foreach (var p in new[] { "buyer", "seller" })
            {
                var registered = await SendAsync(clients[1], HttpMethod.Post, "/v1/participants", OperatorKey, new JsonObject { ["participant_id"] = p });
                Assert.Equal(HttpStatusCode.Created, registered.Status);
                keys[p] = registered.Body!["api_key"]!.GetValue<string>();
            }

            // 1. One market, 60 orders sent concurrently through the three nodes: one sequencer numbers them 1..60 once.
            var firstRound = await Task.WhenAll(Enumerable.Range(0, 60).Select(i =>
            {
                var seller = i % 2 == 1;
                return SendAsync(clients[i % 3], HttpMethod.Post, "/v1/markets/north/orders", keys[seller ? "seller" : "buyer"],
                    OrderBody($"r1-{i}", seller, seller ? 40 + (i % 7) : 45 + (i % 5)));
            }));
            Assert.All(firstRound, a => Assert.True(a.Status is HttpStatusCode.Created or HttpStatusCode.OK, a.Text));
            var numbers = firstRound.Select(a => a.Body!["order_number"]!.GetValue<long>()).Order().ToList();
            Assert.Equal(Enumerable.Range(1, 60).Select(i => (long)i), numbers);
            var ledgerSeqs = firstRound.Select(a => a.Body!["ledger_seq"]!.GetValue<long>()).ToList();
            var trades = firstRound.SelectMany(a => a.Body!["trades"]!.AsArray()).Select(t => t!["trade_id"]!.GetValue<long>()).ToList();
            Assert.Equal(trades.Count, trades.Distinct().Count());

            // 2. Load on all markets through all nodes; one node (one that hosts a market) is killed with SIGKILL meanwhile.
            var acknowledged = new ConcurrentBag<(string Market, string ClientOrderId, string Participant, long OrderNumber)>();
            var alive = new bool[3] { true, true, true };
            using var stop = new CancellationTokenSource();
            var load = markets.Select((m, k) => Task.Run(async () =>
            {
                var rng = new Random(k + 1);
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var seller = rng.Next(2) == 1;
                    var participant = seller ? "seller" : "buyer";
                    var id = $"r2-{m}-{i}";
                    var body = OrderBody(id, seller, seller ? 38 + rng.Next(10) : 42 + rng.Next(10), rng.Next(24));
                    var deadline = DateTime.UtcNow.AddSeconds(90);
                    while (DateTime.UtcNow < deadline)
                    {
                        var node = rng.Next(3);
                        if (!Volatile.Read(ref alive[node]))
                        {
                            continue;
                        }

                        try
                        {
                            var answer = await SendAsync(clients[node], HttpMethod.Post, $"/v1/markets/{m}/orders", keys[participant], body);
                            if (answer.Status is HttpStatusCode.Created or HttpStatusCode.OK)
                            {
                                acknowledged.Add((m, id, participant, answer.Body!["order_number"]!.GetValue<long>()));
                                break;
                            }

                            Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.Status);
                        }
                        catch (HttpRequestException)
                        {
                            // The node died while answering: nothing is known about this order; retry it elsewhere
                            // (same client_order_id and fields: idempotent).
                        }
                        catch (TaskCanceledException)
                        {
                            // Timed out on a dying node: as above.
                        }

                        await Task.Delay(50);
                    }
                }
            })).ToList();

            // Waits are conditions with generous deadlines, not fixed times: a slow machine only makes the test longer.
            await Task.Delay(TimeSpan.FromSeconds(3));
            var warm = DateTime.UtcNow.AddSeconds(60);
            while (acknowledged.Count == 0 && DateTime.UtcNow < warm)
            {
                await Task.Delay(200);
            }

            var victim = -1;
            for (var i = 0; i < 3 && victim < 0; i++)
            {
                var view = (await SendAsync(clients[i], HttpMethod.Get, "/v1/cluster", null, null)).Body!;
                if (view["active_here"]!.AsArray().Any(k => k!.GetValue<string>().StartsWith("m:", StringComparison.Ordinal)))
                {
                    victim = i;
                }
            }

            Assert.True(victim >= 0, "no node hosts a market");
            var beforeKill = acknowledged.Count;
            Volatile.Write(ref alive[victim], false);
            nodes[victim].KillHard();
            await Task.Delay(TimeSpan.FromSeconds(8));
            var failover = DateTime.UtcNow.AddSeconds(120);
            while (acknowledged.Count <= beforeKill && DateTime.UtcNow < failover)
            {
                await Task.Delay(200);
            }

            stop.Cancel();
            await Task.WhenAll(load);
            Assert.True(beforeKill > 0, "no order was acknowledged before the kill");
            Assert.True(acknowledged.Count > beforeKill, "no order was acknowledged after the kill");

            // 3. Every acknowledged order is served by the surviving nodes, with the number it was acknowledged with.
            var survivors = Enumerable.Range(0, 3).Where(i => i != victim).Select(i => clients[i]).ToList();
            foreach (var (market, id, participant, number) in acknowledged.Concat(firstRound.Select((a, i) => ("north", $"r1-{i}", i % 2 == 1 ? "seller" : "buyer", a.Body!["order_number"]!.GetValue<long>()))))
            {
                var deadline = DateTime.UtcNow.AddSeconds(60);
                while (true)
                {
                    var got = await SendAsync(survivors[(int)(number % survivors.Count)], HttpMethod.Get, $"/v1/orders/{id}?market_id={market}", keys[participant], null);
                    if (got.Status == HttpStatusCode.OK)
                    {
                        Assert.Equal(number, got.Body!["order_number"]!.GetValue<long>());
                        break;
                    }

                    Assert.True(got.Status == HttpStatusCode.ServiceUnavailable && DateTime.UtcNow < deadline, $"{market}/{id}: {got.Status} {got.Text}");
                    await Task.Delay(200);
                }
            }

            // 4. Each market's ledger verifies (lem ledger verify on its schema), and covers every acknowledged order.
            foreach (var m in markets)
            {
                var cs = new NpgsqlConnectionStringBuilder(pg.ConnectionString) { SearchPath = ClusterNames.MarketSchema(m) }.ConnectionString;
                var (exit, output) = await FaultServerProcess.VerifyPostgresLedgerAsync(cs, nodes[0].ServerPublicKey);
                Assert.True(exit == 0, output);
                var report = JsonNode.Parse(output[..(output.LastIndexOf('}') + 1)])!;
                Assert.True(report["valid"]!.GetValue<bool>(), output);
                var orders = acknowledged.Count(a => a.Market == m) + (m == "north" ? 60 : 0);
                Assert.True(report["commands"]!.GetValue<long>() >= orders + 1, $"{m}: {report["commands"]} commands for {orders} acknowledged orders");
            }

            Assert.True(ledgerSeqs.Max() >= 1);
        }
        finally
        {
            foreach (var n in nodes)
            {
                n.Dispose();
            }

            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS to clean.
            }
        }
    }

    private static JsonObject MarketBody(string marketId) => new()
    {
        ["market_id"] = marketId,
        ["mechanism"] = "continuous",
        ["delivery_start"] = DateTimeOffset.UtcNow.Date.AddDays(2).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        ["slot_minutes"] = 60,
        ["slot_count"] = 24,
        ["gate_closure_lead_minutes"] = 60,
    };

    private static JsonObject OrderBody(string clientOrderId, bool sell, int price, int slot = 5) => new()
    {
        ["client_order_id"] = clientOrderId,
        ["slot"] = slot,
        ["side"] = sell ? "sell" : "buy",
        ["price_eur_per_mwh"] = price,
        ["quantity_kwh"] = 3,
    };

    private static async Task<(HttpStatusCode Status, JsonNode? Body, string Text)> SendAsync(HttpClient client, HttpMethod method, string path, string? key, JsonObject? body)
    {
        using var request = new HttpRequestMessage(method, path);
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + key);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? json = null;
        try
        {
            json = text.Length > 0 ? JsonNode.Parse(text) : null;
        }
        catch (System.Text.Json.JsonException)
        {
            // Not JSON; the status says what happened.
        }

        return (response.StatusCode, json, text);
    }
}
