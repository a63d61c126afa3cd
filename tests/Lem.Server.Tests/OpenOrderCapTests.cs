using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;

namespace Lem.Server.Tests;

/// <summary>
/// Fair capacity (docs/order-book.md, "Capacity"): each participant may hold at most the market's cap of open orders
/// per slot, and no participant can make another's valid order fail.
/// </summary>
public sealed class OpenOrderCapTests
{
    private const string Field = "max_open_orders_per_participant";

    [Fact]
    public async Task One_participant_fills_a_slot_up_to_the_default_cap_and_another_participants_order_is_still_accepted()
    {
        var dir = Path.Combine(Path.GetTempPath(), "lem-server-tests", Guid.NewGuid().ToString("N"));
        var clock = new FakeTimeProvider(TestServer.Start);
        try
        {
            string mallory, alice;
            await using (var t = await TestServer.StartAsync(dir, clock))
            {
                await t.CreateMarket("m1", "continuous");
                Assert.Equal(ServerOptions.DefaultMaxOpenOrdersPerParticipant, (await t.Get("/v1/markets/m1")).Body![Field]!.GetValue<int>());
                mallory = await t.Register("mallory");
                alice = await t.Register("alice");
                for (var i = 0; i < ServerOptions.DefaultMaxOpenOrdersPerParticipant; i++)
                {
                    Assert.Equal(201, (await t.Order("m1", mallory, $"x{i}", "sell", 100m + (i * 0.01m), 1m)).Status);
                }

                await AssertCapped(await t.Order("m1", mallory, "x-over", "sell", 99m, 1m), ServerOptions.DefaultMaxOpenOrdersPerParticipant, 0);

                // Everybody else still trades in that slot, and mallory in the other slots.
                Assert.Equal(201, (await t.Order("m1", alice, "a1", "buy", 20m, 5m)).Status);
                Assert.Equal(201, (await t.Order("m1", alice, "a2", "sell", 150m, 5m)).Status);
                Assert.Equal(201, (await t.Order("m1", mallory, "y1", "sell", 99m, 1m, slot: 1)).Status);

                // The refused order left no trace: its id is free, and a cancel makes room for it.
                Assert.Equal(404, (await t.Get("/v1/orders/x-over", mallory)).Status);
                Assert.Equal(200, (await t.Send(HttpMethod.Delete, "/v1/orders/x0", mallory)).Status);
                Assert.Equal(201, (await t.Order("m1", mallory, "x-over", "sell", 99m, 1m)).Status);
                await AssertCapped(await t.Order("m1", mallory, "x-over2", "sell", 99m, 1m), ServerOptions.DefaultMaxOpenOrdersPerParticipant, 0);

                // A buy that fills against mallory's lowest ask frees one of her places.
                var fill = await t.Order("m1", alice, "a3", "buy", 99m, 1m);
                Assert.Equal("filled", fill.Body!["status"]!.GetValue<string>());
                Assert.Equal(201, (await t.Order("m1", mallory, "x-over2", "sell", 99m, 1m)).Status);
            }

            // After a restart the cap is the same (it is part of the stored create_market command).
            await using (var t = await TestServer.StartAsync(dir, clock))
            {
                Assert.Equal(ServerOptions.DefaultMaxOpenOrdersPerParticipant, (await t.Get("/v1/markets/m1")).Body![Field]!.GetValue<int>());
                await AssertCapped(await t.Order("m1", mallory, "x-over3", "sell", 99m, 1m), ServerOptions.DefaultMaxOpenOrdersPerParticipant, 0);
                Assert.Equal(201, (await t.Order("m1", alice, "a4", "buy", 21m, 1m)).Status);
            }
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public async Task Participants_under_their_cap_together_hold_more_than_the_old_book_capacity()
    {
        // Two participants with 2100 orders each in one slot: 4200, above the 4096 a book used to hold.
        await using var t = await TestServer.StartAsync();
        Assert.Equal(201, (await CreateMarket(t, "m1", "continuous", 2100)).Status);
        var keys = new[] { await t.Register("p1"), await t.Register("p2") };
        for (var i = 0; i < 2100; i++)
        {
            foreach (var (key, k) in keys.Select((key, k) => (key, k)))
            {
                var r = await t.Order("m1", key, $"o{i}", k == 0 ? "buy" : "sell", k == 0 ? 10m + (i * 0.01m) : 200m + (i * 0.01m), 1m);
                Assert.True(r.Status == 201, $"order {i} of p{k + 1}: {r.Status} {r.Body}");
            }
        }

        var depth = (await t.Get("/v1/markets/m1/depth?slot=0")).Body!;
        Assert.Equal(4200, depth["bids"]!.AsArray().Concat(depth["asks"]!.AsArray()).Sum(l => l!["order_count"]!.GetValue<int>()));
        await AssertCapped(await t.Order("m1", keys[0], "over", "buy", 5m, 1m), 2100, 0);
    }

    [Fact]
    public async Task A_call_auction_caps_open_orders_per_participant_and_slot_and_a_cancel_makes_room()
    {
        await using var t = await TestServer.StartAsync();
        Assert.Equal(201, (await CreateMarket(t, "auc", "call_auction", 3)).Status);
        Assert.Equal(3, (await t.Get("/v1/markets/auc")).Body![Field]!.GetValue<int>());
        var bob = await t.Register("bob");
        var carol = await t.Register("carol");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(201, (await t.Order("auc", bob, $"b{i}", "buy", 40m + i, 1m, slot: 2)).Status);
        }

        await AssertCapped(await t.Order("auc", bob, "b3", "buy", 40m, 1m, slot: 2), 3, 2);
        Assert.Equal(201, (await t.Order("auc", carol, "c0", "sell", 30m, 1m, slot: 2)).Status);
        Assert.Equal(201, (await t.Order("auc", bob, "b3", "buy", 40m, 1m, slot: 1)).Status);

        // An amendment is no new order; a cancel makes room.
        Assert.Equal(200, (await t.Send(HttpMethod.Patch, "/v1/orders/b0", bob, """{"price_eur_per_mwh": 45, "quantity_kwh": 2}""")).Status);
        await AssertCapped(await t.Order("auc", bob, "b4", "buy", 40m, 1m, slot: 2), 3, 2);
        Assert.Equal(200, (await t.Send(HttpMethod.Delete, "/v1/orders/b1", bob)).Status);
        Assert.Equal(201, (await t.Order("auc", bob, "b4", "buy", 40m, 1m, slot: 2)).Status);
    }

    [Fact]
    public async Task A_96_slot_day_trades_at_a_tick_of_a_cent()
    {
        // 96 books of 450,001 levels each (0.01 EUR/MWh over −500…4000): refused as too fine while books held an array per tick.
        await using var t = await TestServer.StartAsync();
        await t.CreateMarket("day", "continuous", slots: 96);
        var erin = await t.Register("erin");
        var finn = await t.Register("finn");
        Assert.Equal(201, (await t.Order("day", erin, "e1", "sell", 50.01m, 2m, slot: 95)).Status);
        Assert.Equal(201, (await t.Order("day", erin, "e2", "sell", 3999.99m, 1m, slot: 95)).Status);
        Assert.Equal(201, (await t.Order("day", finn, "f1", "buy", -499.99m, 1m, slot: 95)).Status);
        var buy = await t.Order("day", finn, "f2", "buy", 4000m, 3m, slot: 95);
        var prices = buy.Body!["trades"]!.AsArray().Select(x => x!["price_eur_per_mwh"]!.GetValue<decimal>()).ToList();
        Assert.Equal(new List<decimal> { 50.01m, 3999.99m }, prices);
        var depth = (await t.Get("/v1/markets/day/depth?slot=95")).Body!;
        Assert.Equal(-499.99m, depth["bids"]!.AsArray().Single()!["price_eur_per_mwh"]!.GetValue<decimal>());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1_000_001)]
    public async Task A_cap_out_of_range_is_refused(int cap)
    {
        await using var t = await TestServer.StartAsync();
        var r = await CreateMarket(t, "m1", "continuous", cap);
        Assert.Equal(400, r.Status);
        Assert.NotNull(r.Body!["errors"]![Field]);
    }

    [Fact]
    public async Task The_server_option_is_the_cap_of_markets_created_without_one()
    {
        var dir = Path.Combine(Path.GetTempPath(), "lem-server-tests", Guid.NewGuid().ToString("N"));
        try
        {
            await using var server = await LemServer.StartAsync(new ServerOptions
            {
                DataDirectory = dir, Urls = ["http://127.0.0.1:0"], OperatorKey = TestServer.OperatorKey, RunGateClosureTimer = false,
                TimeProvider = new FakeTimeProvider(TestServer.Start), MaxOpenOrdersPerParticipant = 2,
            });
            using var http = new HttpClient { BaseAddress = new Uri(server.BaseAddresses[0]) };
            async Task<(int Status, JsonNode? Body)> Post(string path, string key, object body)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(TestServer.Json(body), System.Text.Encoding.UTF8, "application/json") };
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
                using var response = await http.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
            }

            var created = await Post("/v1/markets", TestServer.OperatorKey, new Dictionary<string, object>
            {
                ["market_id"] = "m1", ["mechanism"] = "continuous", ["delivery_start"] = "2026-03-01T12:00:00Z", ["slot_minutes"] = 15,
                ["slot_count"] = 4, ["gate_closure_lead_minutes"] = 60,
            });
            Assert.Equal(2, created.Body![Field]!.GetValue<int>());
            var dave = (await Post("/v1/participants", TestServer.OperatorKey, new Dictionary<string, object> { ["participant_id"] = "dave" })).Body!["api_key"]!.GetValue<string>();
            Dictionary<string, object> Order(string id, decimal price) => new()
            {
                ["client_order_id"] = id, ["slot"] = 0, ["side"] = "buy", ["price_eur_per_mwh"] = price, ["quantity_kwh"] = 1m,
            };
            Assert.Equal(201, (await Post("/v1/markets/m1/orders", dave, Order("d0", 40m))).Status);
            Assert.Equal(201, (await Post("/v1/markets/m1/orders", dave, Order("d1", 41m))).Status);
            var capped = await Post("/v1/markets/m1/orders", dave, Order("d2", 42m));
            await AssertCapped((capped.Status, capped.Body, string.Empty), 2, 0);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    private static Task<(int Status, JsonNode? Body, string ContentType)> CreateMarket(TestServer t, string id, string mechanism, int cap) =>
        t.Post("/v1/markets", TestServer.OperatorKey, new Dictionary<string, object>
        {
            ["market_id"] = id, ["mechanism"] = mechanism, ["delivery_start"] = "2026-03-01T12:00:00Z", ["slot_minutes"] = 15,
            ["slot_count"] = 4, ["gate_closure_lead_minutes"] = 60, [Field] = cap,
        });

    private static Task AssertCapped((int Status, JsonNode? Body, string ContentType) r, int cap, int slot)
    {
        Assert.Equal(422, r.Status);
        Assert.Equal(cap, r.Body![Field]!.GetValue<int>());
        Assert.NotNull(r.Body["errors"]![Field]);
        Assert.Contains($"slot {slot}", r.Body["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        return Task.CompletedTask;
    }
}
