using System.Text.Json.Nodes;

namespace Lem.Server.Tests;

/// <summary>The server's flexibility markets (docs/server-flexibility.md): who sees what, gate-closure ordering, settlement, replay.</summary>
public sealed class FlexibilityMarketTests
{
    [Fact]
    public async Task FspsSeeOnlyTheirOwnOffersAndDsosOnlyTheirOwnAreas()
    {
        await using var t = await TestServer.StartAsync();
        var k = await Setup(t);

        var f1 = (await t.Get("/v1/markets/flex/flex", k.F1)).Body!;
        Assert.Equal(["o1"], Ids(f1["offers"], "offer_id"));
        var d1 = (await t.Get("/v1/markets/flex/flex", k.D1)).Body!;
        Assert.Equal(["feeder-1"], Ids(d1["congestion_points"], "congestion_point_id"));
        Assert.Equal(["o1", "o2"], Ids(d1["offers"], "offer_id"));
        var d2 = (await t.Get("/v1/markets/flex/flex", k.D2)).Body!;
        Assert.Equal(["o3"], Ids(d2["offers"], "offer_id"));
        var all = (await t.Get("/v1/markets/flex/flex", TestServer.OperatorKey)).Body!;
        Assert.Equal(["o1", "o2", "o3"], Ids(all["offers"], "offer_id"));
        Assert.Equal(401, (await t.Get("/v1/markets/flex/flex")).Status);

        // A DSO cannot post requests for, or order offers in, another DSO's area; an FSP cannot order; a DSO cannot offer.
        Assert.Equal(403, (await t.Post("/v1/markets/flex/flex/request", k.D1, Request("r9", "feeder-2", 5))).Status);
        Assert.Equal(404, (await t.Post("/v1/markets/flex/flex/order", k.D2, new { order_id = "x", fsp = "f1", offer_id = "o1" })).Status);
        Assert.Equal(403, (await t.Post("/v1/markets/flex/flex/order", k.F1, new { order_id = "x", fsp = "f1", offer_id = "o1" })).Status);
        Assert.Equal(403, (await t.Post("/v1/markets/flex/flex/offer", k.D1, Offer("o9", "feeder-1", 1, 1))).Status);

        // The DSO orders f1's offer at half; f2 sees nothing of it, f1 sees its order.
        var order = await t.Post("/v1/markets/flex/flex/order", k.D1, new { order_id = "ord-1", fsp = "f1", offer_id = "o1", activation_factor = 0.5 });
        Assert.Equal(201, order.Status);
        Assert.Equal(5m, order.Body!["kw"]!.GetValue<decimal>());
        Assert.Empty((await t.Get("/v1/markets/flex/flex", k.F2)).Body!["orders"]!.AsArray());
        Assert.Equal(["ord-1"], Ids((await t.Get("/v1/markets/flex/flex", k.F1)).Body!["orders"], "order_id"));
        Assert.Equal(409, (await t.Post("/v1/markets/flex/flex/revoke", k.F1, new { offer_id = "o1" })).Status);
        Assert.Equal(404, (await t.Post("/v1/markets/flex/flex/revoke", k.F2, new { offer_id = "o1" })).Status);
    }

    [Fact]
    public async Task GateClosureOrdersTheCheapestOffersAndTheStatementPaysAsBid()
    {
        await using var t = await TestServer.StartAsync();
        var k = await Setup(t);
        Assert.Equal(201, (await t.Post("/v1/markets/flex/flex/request", k.D1, Request("r1", "feeder-1", 12))).Status);

        t.Clock.Advance(TimeSpan.FromHours(3)); // 11:00, slot 0's gate closure (12:00 − 60 min)
        await t.Server.RunDueGateClosuresAsync();

        // By hand: 12 kW from o2 (8 kW at 80 EUR/MWh) then 4 kW of o1 (10 kW at 100, minimum factor 0.3 ≤ 0.4).
        var d1 = (await t.Get("/v1/markets/flex/flex", k.D1)).Body!;
        var orders = d1["orders"]!.AsArray();
        Assert.Equal([("o2", 8m), ("o1", 4m)], orders.Select(o => (o!["offer_id"]!.GetValue<string>(), o["kw"]!.GetValue<decimal>())));
        // A 15-minute slot: o2 2 kWh × 80 EUR/MWh = 0.16 EUR, o1 1 kWh × 100 EUR/MWh = 0.10 EUR.
        var statement = d1["settlement"]!["fsps"]!.AsArray();
        Assert.Equal([("f1", 0.10m), ("f2", 0.16m)], statement.Select(s => (s!["fsp"]!.GetValue<string>(), s["amount_eur"]!.GetValue<decimal>())));
        Assert.Equal(400, (await t.Post("/v1/markets/flex/flex/offer", k.F1, Offer("late", "feeder-1", 1, 1))).Status);
    }

    [Fact]
    public async Task ARestartReplaysTheMarketToTheSameState()
    {
        var dir = Path.Combine(Path.GetTempPath(), "lem-server-tests", Guid.NewGuid().ToString("N"));
        string before;
        long commands;
        var first = await TestServer.StartAsync(dir);
        {
            var k = await Setup(first);
            Assert.Equal(201, (await first.Post("/v1/markets/flex/flex/request", k.D1, Request("r1", "feeder-1", 12))).Status);
            Assert.Equal(200, (await first.Post("/v1/markets/flex/flex/revoke", k.F2, new { offer_id = "o3" })).Status);
            first.Clock.Advance(TimeSpan.FromHours(3));
            await first.Server.RunDueGateClosuresAsync();
            before = (await first.Get("/v1/markets/flex/flex", TestServer.OperatorKey)).Body!.ToJsonString();
            commands = (await first.Get("/v1/health")).Body!["commands"]!.GetValue<long>();
            await first.StopAsync();
        }

        await using var second = await TestServer.StartAsync(dir, first.Clock);
        second.OwnsFolder = true;
        Assert.Equal(commands, second.Server.ReplayedCommands);
        Assert.Equal(before, (await second.Get("/v1/markets/flex/flex", TestServer.OperatorKey)).Body!.ToJsonString());
        Assert.Contains("\"status\":\"revoked\"", before, StringComparison.Ordinal);
        Assert.Contains("auto-r1-f2-o2", before, StringComparison.Ordinal);
    }

    private sealed record Keys(string D1, string D2, string F1, string F2);

    private static async Task<Keys> Setup(TestServer t)
    {
        await t.CreateMarket("flex", "flexibility");
        var k = new Keys(await t.Register("d1", "dso"), await t.Register("d2", "dso"), await t.Register("f1"), await t.Register("f2"));
        Assert.Equal(201, (await t.Post("/v1/markets/flex/flex/congestion_point", k.D1, new { congestion_point_id = "feeder-1" })).Status);
        Assert.Equal(201, (await t.Post("/v1/markets/flex/flex/congestion_point", k.D2, new { congestion_point_id = "feeder-2" })).Status);
        Assert.Equal(409, (await t.Post("/v1/markets/flex/flex/congestion_point", k.D2, new { congestion_point_id = "feeder-1" })).Status);
        Assert.Equal(201, (await t.Post("/v1/markets/flex/flex/offer", k.F1, Offer("o1", "feeder-1", 10, 100, 0.3m))).Status);
        Assert.Equal(201, (await t.Post("/v1/markets/flex/flex/offer", k.F2, Offer("o2", "feeder-1", 8, 80))).Status);
        Assert.Equal(201, (await t.Post("/v1/markets/flex/flex/offer", k.F2, Offer("o3", "feeder-2", 5, 50))).Status);
        var bad = await t.Post("/v1/markets/flex/flex/offer", k.F1, new { offer_id = "bad", congestion_point_id = "nowhere", slot = 9, direction = "sideways", kw = -1, price_eur_per_mwh = 1 });
        Assert.Equal(400, bad.Status);
        Assert.Equal(["congestion_point_id", "direction", "kw", "slot"], bad.Body!["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));
        return k;
    }

    private static object Request(string id, string area, decimal kw) => new { request_id = id, congestion_point_id = area, slot = 0, direction = "up", kw };

    private static object Offer(string id, string area, decimal kw, decimal price, decimal minFactor = 1m) =>
        new { offer_id = id, congestion_point_id = area, slot = 0, direction = "up", kw, price_eur_per_mwh = price, min_activation_factor = minFactor };

    private static List<string> Ids(JsonNode? array, string field) => [.. array!.AsArray().Select(o => o![field]!.GetValue<string>())];
}
