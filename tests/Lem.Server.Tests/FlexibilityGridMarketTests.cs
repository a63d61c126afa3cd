using System.Text.Json.Nodes;
using Lem.Testing;

namespace Lem.Server.Tests;

/// <summary>
/// A server flexibility market with the grid of an inline scenario (docs/server-flexibility.md#clearing-with-the-grid):
/// the gate closure and the DSO's clear give the orders of <c>lem flex</c> on worked example A of
/// docs/mechanisms/flexibility.md (A 15, B 5, C 10, E 10, G 0 kW; 1.85 EUR pay-as-bid), and a restart the same answers.
/// </summary>
public sealed class FlexibilityGridMarketTests
{
    // Worked example A moved to the test server's day: 18:00 Europe/Berlin = 17:00Z, one 60-minute slot; 60 min lead.
    private static readonly DateTimeOffset GateClosure = new(2026, 3, 1, 16, 0, 0, TimeSpan.Zero);

    private static readonly (string Id, string Bus, decimal Kw, decimal Price)[] Offers =
        [("A", "2", 15, 50), ("B", "2", 30, 80), ("C", "1", 30, 40), ("E", "1", 10, 30), ("G", "0", 50, 10)];

    /// <summary>examples/flex/worked-a.json without its offers (the FSPs post them), on the server's day.</summary>
    private static JsonNode Scenario()
    {
        var s = JsonNode.Parse(File.ReadAllText(RepoPaths.InRepo("examples", "flex", "worked-a.json")))!.AsObject();
        s.Remove("$schema");
        s["horizon"]!["start"] = "2026-03-01T18:00";
        s["horizon"]!["end"] = "2026-03-01T19:00";
        s["flexibility"]!.AsObject().Remove("offers");
        return s;
    }

    private static async Task<(string Dso, string Fsp)> Setup(TestServer t)
    {
        var created = await t.Post("/v1/markets", TestServer.OperatorKey, new Dictionary<string, object>
        {
            ["market_id"] = "fa", ["mechanism"] = "flexibility", ["gate_closure_lead_minutes"] = 60, ["scenario"] = Scenario(),
        });
        Assert.Equal(201, created.Status);
        Assert.Equal(1, created.Body!["slot_count"]!.GetValue<int>());
        var dso = await t.Register("dso", "dso");
        var fsp = await t.Register("agg");
        foreach (var (id, bus, kw, price) in Offers)
        {
            var r = await t.Post("/v1/markets/fa/flex/offer", fsp, new { offer_id = id, bus, slot = 0, direction = "up", kw, price_eur_per_mwh = price, min_activation_factor = 0 });
            Assert.True(r.Status == 201, r.Body?.ToJsonString());
        }

        return (dso, fsp);
    }

    private static Dictionary<string, decimal> OrderedKw(JsonNode view) =>
        view["orders"]!.AsArray().ToDictionary(o => o!["offer_id"]!.GetValue<string>(), o => o!["kw"]!.GetValue<decimal>());

    private static void AssertWorkedExampleA(JsonNode view)
    {
        var kw = OrderedKw(view);
        Assert.Equal(15m, kw["A"]);
        Assert.Equal(5m, kw["B"]);
        Assert.Equal(10m, kw["C"]);
        Assert.Equal(10m, kw["E"]);
        Assert.False(kw.ContainsKey("G"));
        var clearing = view["clearings"]!.AsArray().Single()!;
        Assert.Equal("cleared", clearing["status"]!.GetValue<string>());
        Assert.Equal(1.85m, clearing["cost_eur"]!.GetValue<decimal>());
        Assert.Equal(2, clearing["violations_before"]!.AsArray().Count);
        Assert.Empty(clearing["violations_after"]!.AsArray());
        var prices = clearing["flex_prices"]!.AsArray().ToDictionary(p => p!["bus"]!.GetValue<string>(), p => p!["eur_per_mwh"]!.GetValue<decimal>());
        Assert.Equal(0m, prices["0"]);
        Assert.Equal(40m, prices["1"]);
        Assert.Equal(80m, prices["2"]);

        // The statement pays as bid, to the cent: 0.75 + 0.40 + 0.40 + 0.30 = 1.85 EUR.
        Assert.Equal(1.85m, view["settlement"]!["fsps"]!.AsArray().Single()!["amount_eur"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task GateClosureClearsWorkedExampleAWithTheGridAndARestartGivesTheSameAnswers()
    {
        var dir = Path.Combine(Path.GetTempPath(), "lem-server-tests", Guid.NewGuid().ToString("N"));
        string before;
        long commands;
        var first = await TestServer.StartAsync(dir);
        {
            await Setup(first);
            first.Clock.SetUtcNow(GateClosure);
            await first.Server.RunDueGateClosuresAsync();
            var view = (await first.Get("/v1/markets/fa/flex", TestServer.OperatorKey)).Body!;
            AssertWorkedExampleA(view);
            Assert.Equal("gate_closure", view["clearings"]![0]!["cleared_by"]!.GetValue<string>());
            before = view.ToJsonString();
            commands = (await first.Get("/v1/health")).Body!["commands"]!.GetValue<long>();
            await first.StopAsync();
        }

        await using var second = await TestServer.StartAsync(dir, first.Clock);
        second.OwnsFolder = true;
        Assert.Equal(commands, second.Server.ReplayedCommands);
        Assert.Equal(before, (await second.Get("/v1/markets/fa/flex", TestServer.OperatorKey)).Body!.ToJsonString());
    }

    [Fact]
    public async Task TheDsoClearsBeforeTheGateAndEachSideSeesOnlyItsOwn()
    {
        await using var t = await TestServer.StartAsync();
        var (dso, fsp) = await Setup(t);
        var other = await t.Register("other");
        var otherDso = await t.Register("dso2", "dso");
        Assert.Equal(201, (await t.Post("/v1/markets/fa/flex/offer", other, new { offer_id = "X", bus = "1", slot = 0, direction = "up", kw = 5, price_eur_per_mwh = 900 })).Status);

        // Offers on a grid market need a grid bus inside the named congestion point; another DSO neither declares nor clears.
        var bad = await t.Post("/v1/markets/fa/flex/offer", fsp, new { offer_id = "bad", bus = "9", slot = 0, direction = "up", kw = 1, price_eur_per_mwh = 1 });
        Assert.Equal(400, bad.Status);
        Assert.Contains("bus", bad.Body!["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(400, (await t.Post("/v1/markets/fa/flex/offer", fsp, new { offer_id = "bad", bus = "0", congestion_point_id = "feeder", slot = 0, direction = "up", kw = 1, price_eur_per_mwh = 1 })).Status);
        Assert.Equal(403, (await t.Post("/v1/markets/fa/flex/congestion_point", otherDso, new { congestion_point_id = "x", buses = new[] { "1" } })).Status);
        Assert.Equal(403, (await t.Post("/v1/markets/fa/flex/clear", otherDso, new { slot = 0 })).Status);
        Assert.Equal(403, (await t.Post("/v1/markets/fa/flex/clear", fsp, new { slot = 0 })).Status);

        var cleared = await t.Post("/v1/markets/fa/flex/clear", dso, new { slot = 0 });
        Assert.Equal(200, cleared.Status);
        Assert.Equal(1.85m, cleared.Body!["cost_eur"]!.GetValue<decimal>());
        Assert.Equal(4, cleared.Body!["orders"]!.AsArray().Count);
        AssertWorkedExampleA((await t.Get("/v1/markets/fa/flex", dso)).Body!);

        // The slot is cleared: no second clear, no new offers; the gate closure then orders nothing more.
        Assert.Equal(400, (await t.Post("/v1/markets/fa/flex/clear", dso, new { slot = 0 })).Status);
        Assert.Equal(400, (await t.Post("/v1/markets/fa/flex/offer", other, new { offer_id = "Y", bus = "1", slot = 0, direction = "up", kw = 5, price_eur_per_mwh = 1 })).Status);
        t.Clock.SetUtcNow(GateClosure);
        await t.Server.RunDueGateClosuresAsync();
        Assert.Equal(4, (await t.Get("/v1/markets/fa/flex", dso)).Body!["orders"]!.AsArray().Count);

        // The FSPs see only their own offers and orders and no clearing; the other DSO sees no area, offer or order.
        var mine = (await t.Get("/v1/markets/fa/flex", fsp)).Body!;
        Assert.Equal(["A", "B", "C", "E", "G"], mine["offers"]!.AsArray().Select(o => o!["offer_id"]!.GetValue<string>()));
        Assert.Empty(mine["clearings"]!.AsArray());
        var theirs = (await t.Get("/v1/markets/fa/flex", other)).Body!;
        Assert.Equal(["X"], theirs["offers"]!.AsArray().Select(o => o!["offer_id"]!.GetValue<string>()));
        Assert.Empty(theirs["orders"]!.AsArray());
        var stranger = (await t.Get("/v1/markets/fa/flex", otherDso)).Body!;
        Assert.Empty(stranger["congestion_points"]!.AsArray());
        Assert.Empty(stranger["offers"]!.AsArray());
        Assert.Empty(stranger["orders"]!.AsArray());
        Assert.Empty(stranger["clearings"]!.AsArray());
    }

    [Fact]
    public async Task AScenarioWithOffersOrWithoutAGridIsRefusedWithTheFieldPath()
    {
        await using var t = await TestServer.StartAsync();
        var s = Scenario().AsObject();
        s["flexibility"]!["offers"] = new JsonArray(new JsonObject { ["id"] = "A", ["fsp"] = "agg", ["bus"] = "2", ["direction"] = "up", ["kw"] = 15, ["price_eur_per_mwh"] = 50 });
        s.Remove("grid");
        var r = await t.Post("/v1/markets", TestServer.OperatorKey, new Dictionary<string, object> { ["market_id"] = "bad", ["mechanism"] = "flexibility", ["scenario"] = s });
        Assert.Equal(400, r.Status);
        var fields = r.Body!["errors"]!.AsObject().Select(e => e.Key).ToList();
        Assert.True(fields.Any(f => f.StartsWith("scenario.", StringComparison.Ordinal)), r.Body.ToJsonString());

        var noHorizon = await t.Post("/v1/markets", TestServer.OperatorKey, new Dictionary<string, object> { ["market_id"] = "bad", ["mechanism"] = "flexibility" });
        Assert.Equal(400, noHorizon.Status);
        Assert.Contains("slot_count", noHorizon.Body!["errors"]!.AsObject().Select(e => e.Key));
    }
}
