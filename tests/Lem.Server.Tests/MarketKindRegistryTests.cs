using System.Text.Json.Nodes;
using Lem.Server.Engine.Markets;
using Microsoft.Extensions.Time.Testing;

namespace Lem.Server.Tests;

/// <summary>
/// A market kind registered from the test assembly (<see cref="FixedPriceMarketKind"/>) runs through the HTTP API like a
/// built-in one: created, traded, cleared at gate closure, priced, settled, and rebuilt byte for byte on restart.
/// </summary>
public sealed class MarketKindRegistryTests
{
    private static ServerMarketKinds WithFixedPrice() => ServerMarketKinds.BuiltIn().Register(new FixedPriceMarketKind());

    [Fact]
    public void The_registry_refuses_a_second_kind_with_the_same_mechanism_name()
    {
        var kinds = WithFixedPrice();
        Assert.Equal(["continuous", "call_auction", .. Lem.Markets.Clearing.ClearingMechanisms.Names, "flexibility", "fixed_price"], kinds.Names);
        Assert.Throws<ArgumentException>(() => kinds.Register(new FixedPriceMarketKind()));
        Assert.Null(ServerMarketKinds.BuiltIn().Find("fixed_price"));
    }

    [Fact]
    public async Task A_toy_kind_from_the_test_assembly_trades_clears_and_replays_through_the_api()
    {
        var dir = Path.Combine(Path.GetTempPath(), "lem-server-tests", Guid.NewGuid().ToString("N"));
        var clock = new FakeTimeProvider(TestServer.Start);
        string alice, bob, carol, before;
        try
        {
            await using (var t = await TestServer.StartAsync(dir, clock, marketKinds: WithFixedPrice()))
            {
                // The kind's own field is read with the common ones: required for it, refused elsewhere, listed as a mechanism.
                var missing = await t.Post("/v1/markets", TestServer.OperatorKey, Market("fx", "fixed_price", price: null));
                Assert.Equal(400, missing.Status);
                Assert.Equal("is required", missing.Body!["errors"]![FixedPriceMarketKind.PriceField]![0]!.GetValue<string>());
                var elsewhere = await t.Post("/v1/markets", TestServer.OperatorKey, Market("c1", "continuous", price: 50m));
                Assert.Equal("applies only with mechanism fixed_price", elsewhere.Body!["errors"]![FixedPriceMarketKind.PriceField]![0]!.GetValue<string>());
                var unknown = await t.Post("/v1/markets", TestServer.OperatorKey, Market("u1", "barter", price: null));
                Assert.Equal($"must be one of continuous, call_auction, {string.Join(", ", Lem.Markets.Clearing.ClearingMechanisms.Names)}, flexibility, fixed_price", unknown.Body!["errors"]!["mechanism"]![0]!.GetValue<string>());

                var created = await t.Post("/v1/markets", TestServer.OperatorKey, Market("fx", "fixed_price", price: 50m));
                Assert.Equal(201, created.Status);
                Assert.Equal("fixed_price", created.Body!["mechanism"]!.GetValue<string>());
                Assert.Equal(50m, created.Body![FixedPriceMarketKind.PriceField]!.GetValue<decimal>());

                alice = await t.Register("alice");
                bob = await t.Register("bob");
                carol = await t.Register("carol");
                Assert.Equal(201, (await t.Order("fx", alice, "a1", "sell", 40m, 10m)).Status);
                Assert.Equal(201, (await t.Order("fx", bob, "b1", "buy", 55m, 6m)).Status);
                Assert.Equal(201, (await t.Order("fx", carol, "c1", "buy", 60m, 7m)).Status);
                Assert.Equal(201, (await t.Order("fx", bob, "b2", "sell", 70m, 5m)).Status);
                Assert.Equal(201, (await t.Order("fx", carol, "c2", "buy", 45m, 3m)).Status);
                Assert.Equal(201, (await t.Order("fx", alice, "a2", "sell", 30m, 4m, slot: 1)).Status);
                Assert.Equal(409, (await t.Get("/v1/markets/fx/depth?slot=0")).Status);

                // Slot 0 closes at 11:00 (delivery 12:00, lead 60 min); slot 1 at 11:15.
                clock.SetUtcNow(new DateTimeOffset(2026, 3, 1, 11, 0, 0, TimeSpan.Zero));
                await t.Server.RunDueGateClosuresAsync();
                Assert.Equal(409, (await t.Order("fx", bob, "late", "buy", 60m, 1m)).Status);

                // By hand: the sells at or below 50 (a1: 10 kWh) meet the buys at or above 50 in order (b1: 6, c1: 7):
                // a1–b1 6 kWh and a1–c1 4 kWh at 50 EUR/MWh; b2 (70), c2 (45) and the rest of c1 expire.
                var prices = (await t.Get("/v1/markets/fx/prices")).Body!["slots"]!.AsArray();
                var slot0 = Assert.Single(prices);
                Assert.Equal(50m, slot0!["price_eur_per_mwh"]!.GetValue<decimal>());
                Assert.Equal(10m, slot0["volume_kwh"]!.GetValue<decimal>());
                Assert.Equal(2, slot0["trade_count"]!.GetValue<int>());
                var trades = (await t.Get("/v1/trades", alice)).Body!["trades"]!.AsArray();
                Assert.Equal([("bob", 6m), ("carol", 4m)], trades.Select(x => (x!["buyer"]!.GetValue<string>(), x["quantity_kwh"]!.GetValue<decimal>())));
                Assert.All(trades, x => Assert.Equal(50m, x!["price_eur_per_mwh"]!.GetValue<decimal>()));
                Assert.Equal(("expired", 4m), Order(await t.Get("/v1/orders/c1", carol)));
                Assert.Equal(("filled", 6m), Order(await t.Get("/v1/orders/b1", bob)));
                Assert.Equal(("expired", 0m), Order(await t.Get("/v1/orders/b2", bob)));
                Assert.Equal(("open", 0m), Order(await t.Get("/v1/orders/a2", alice)));

                // The statement: alice sold 10 kWh at 50 EUR/MWh = 0.50 EUR; carol bought 4 kWh = 0.20 EUR.
                Assert.Equal(0.5m, (await t.Get("/v1/settlement", alice)).Body!["totals"]!["received_eur"]!.GetValue<decimal>());
                Assert.Equal(0.2m, (await t.Get("/v1/settlement", carol)).Body!["totals"]!["paid_eur"]!.GetValue<decimal>());

                var proof = await t.Get($"/v1/trades/{trades[0]!["trade_id"]}/proof", alice);
                Assert.Equal(slot0["merkle_root"]!.GetValue<string>(), proof.Body!["merkle_root"]!.GetValue<string>());
                before = await Snapshot(t, alice, bob, carol);
            }

            // Replay rebuilds the same state from the command log with the same registry.
            await using (var t = await TestServer.StartAsync(dir, clock, marketKinds: WithFixedPrice()))
            {
                Assert.True(t.Server.ReplayedCommands >= 11);
                Assert.Equal(before, await Snapshot(t, alice, bob, carol));

                // Slot 1 has a sell and no buy at the fixed price: it closes without trades.
                clock.SetUtcNow(new DateTimeOffset(2026, 3, 1, 11, 15, 0, TimeSpan.Zero));
                await t.Server.RunDueGateClosuresAsync();
                var slot1 = (await t.Get("/v1/markets/fx/prices")).Body!["slots"]![1]!;
                Assert.Null(slot1["price_eur_per_mwh"]);
                Assert.Equal(("expired", 0m), Order(await t.Get("/v1/orders/a2", alice)));
            }

            // Without the kind in the registry the log cannot be replayed: the server refuses to start.
            await Assert.ThrowsAsync<InvalidDataException>(() => TestServer.StartAsync(dir, clock));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    private static Dictionary<string, object> Market(string id, string mechanism, decimal? price)
    {
        var body = new Dictionary<string, object>
        {
            ["market_id"] = id, ["mechanism"] = mechanism, ["delivery_start"] = "2026-03-01T12:00:00Z", ["slot_minutes"] = 15,
            ["slot_count"] = 2, ["gate_closure_lead_minutes"] = 60,
        };
        if (price is { } p)
        {
            body[FixedPriceMarketKind.PriceField] = p;
        }

        return body;
    }

    private static (string Status, decimal FilledKwh) Order((int Status, JsonNode? Body, string ContentType) r)
    {
        Assert.Equal(200, r.Status);
        return (r.Body!["status"]!.GetValue<string>(), r.Body["filled_kwh"]!.GetValue<decimal>());
    }

    private static async Task<string> Snapshot(TestServer t, params string[] keys)
    {
        var all = new JsonObject();
        for (var i = 0; i < keys.Length; i++)
        {
            all[$"orders{i}"] = (await t.Get("/v1/orders", keys[i])).Body!.DeepClone();
            all[$"trades{i}"] = (await t.Get("/v1/trades", keys[i])).Body!.DeepClone();
            all[$"settlement{i}"] = (await t.Get("/v1/settlement", keys[i])).Body!.DeepClone();
        }

        all["prices"] = (await t.Get("/v1/markets/fx/prices")).Body!.DeepClone();
        all["markets"] = (await t.Get("/v1/markets")).Body!.DeepClone();
        all["positions"] = (await t.Get("/v1/markets/fx/positions", TestServer.OperatorKey)).Body!.DeepClone();
        return all.ToJsonString();
    }
}
