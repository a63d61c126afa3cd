using System.Text.Json.Nodes;

namespace Lem.Server.Tests;

public sealed class SettlementStatementTests
{
    [Fact]
    public async Task The_statement_sums_the_participants_trades_of_closed_slots_to_the_cent_and_is_private()
    {
        await using var t = await TestServer.StartAsync();
        await t.CreateMarket("m1", "continuous");
        var alice = await t.Register("alice");
        var bob = await t.Register("bob");
        var carol = await t.Register("carol");
        var grid = await t.Register("grid", "dso");

        // Slot 0: alice sells 10 kWh at 50 and 5 kWh at 52.37 to bob.
        Assert.Equal(201, (await t.Order("m1", alice, "s1", "sell", 50m, 10m)).Status);
        Assert.Equal(201, (await t.Order("m1", alice, "s2", "sell", 52.37m, 5m)).Status);
        Assert.Equal(2, (await t.Order("m1", bob, "b1", "buy", 60m, 15m)).Body!["trades"]!.AsArray().Count);
        // Slot 1: alice buys 7 kWh at 45.5 from carol. Slot 2: 1 kWh at 25 (0.025 EUR, a half cent). Slot 3 stays open.
        Assert.Equal(201, (await t.Order("m1", carol, "s3", "sell", 45.5m, 7m, slot: 1)).Status);
        Assert.Single((await t.Order("m1", alice, "b2", "buy", 46m, 7m, slot: 1)).Body!["trades"]!.AsArray());
        Assert.Equal(201, (await t.Order("m1", carol, "s4", "sell", 25m, 1m, slot: 2)).Status);
        Assert.Single((await t.Order("m1", alice, "b3", "buy", 25m, 1m, slot: 2)).Body!["trades"]!.AsArray());
        Assert.Equal(201, (await t.Order("m1", bob, "s5", "sell", 30m, 2m, slot: 3)).Status);
        Assert.Single((await t.Order("m1", alice, "b4", "buy", 30m, 2m, slot: 3)).Body!["trades"]!.AsArray());
        t.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 1, 11, 30, 0, TimeSpan.Zero)); // gates of slots 0-2 closed, slot 3 open
        await t.Server.RunDueGateClosuresAsync();

        var own = await t.Get("/v1/settlement", alice);
        Assert.Equal(200, own.Status);
        var statement = own.Body!;
        var slots = statement["slots"]!.AsArray();
        Assert.Equal([0, 1, 2], slots.Select(s => s!["slot"]!.GetValue<int>()));

        // By hand: 0.5 + 0.26185 = 0.76185 -> 0.76 received; 0.3185 -> 0.32 and 0.025 -> 0.03 paid (half away from zero).
        Assert.Equal(0.76m, slots[0]!["received_eur"]!.GetValue<decimal>());
        Assert.Equal(15m, slots[0]!["sold_kwh"]!.GetValue<decimal>());
        Assert.Equal(0.32m, slots[1]!["paid_eur"]!.GetValue<decimal>());
        Assert.Equal(0.03m, slots[2]!["paid_eur"]!.GetValue<decimal>());
        var totals = statement["totals"]!;
        Assert.Equal(8m, totals["bought_kwh"]!.GetValue<decimal>());
        Assert.Equal(15m, totals["sold_kwh"]!.GetValue<decimal>());
        Assert.Equal(0.35m, totals["paid_eur"]!.GetValue<decimal>());
        Assert.Equal(0.76m, totals["received_eur"]!.GetValue<decimal>());
        Assert.Equal(0.41m, totals["net_eur"]!.GetValue<decimal>());
        Assert.Equal(4, totals["trade_count"]!.GetValue<int>());

        // The same from alice's own trade list: per closed slot, sum then round to the cent.
        var closedSlots = (await t.Get("/v1/markets/m1/prices")).Body!["slots"]!.AsArray().Select(s => s!["slot"]!.GetValue<int>()).ToHashSet();
        var trades = (await t.Get("/v1/trades", alice)).Body!["trades"]!.AsArray().Where(x => closedSlots.Contains(x!["slot"]!.GetValue<int>())).ToList();
        decimal Money(IEnumerable<JsonNode?> ts) => ts.Sum(x => x!["price_eur_per_mwh"]!.GetValue<decimal>() * x["quantity_kwh"]!.GetValue<decimal>() / 1000m);
        var bySlot = trades.GroupBy(x => x!["slot"]!.GetValue<int>()).ToList();
        Assert.Equal(bySlot.Sum(g => Math.Round(Money(g.Where(x => x!["buyer"]!.GetValue<string>() == "alice")), 2, MidpointRounding.AwayFromZero)),
            totals["paid_eur"]!.GetValue<decimal>());
        Assert.Equal(bySlot.Sum(g => Math.Round(Money(g.Where(x => x!["seller"]!.GetValue<string>() == "alice")), 2, MidpointRounding.AwayFromZero)),
            totals["received_eur"]!.GetValue<decimal>());
        Assert.Equal(trades.Count, totals["trade_count"]!.GetValue<int>());

        // Bob's own statement is the other side of slot 0; alice's is not his to read.
        var bobs = (await t.Get("/v1/settlement", bob)).Body!;
        Assert.Equal("bob", bobs["participant_id"]!.GetValue<string>());
        Assert.Equal(0.76m, bobs["totals"]!["paid_eur"]!.GetValue<decimal>());
        Assert.Equal(0m, bobs["totals"]!["received_eur"]!.GetValue<decimal>());
        Assert.Equal(403, (await t.Get("/v1/settlement?participant_id=alice", bob)).Status);
        Assert.Equal(401, (await t.Get("/v1/settlement")).Status);

        // The operator and the DSO read anyone's, or all.
        Assert.Equal(statement.ToJsonString(), (await t.Get("/v1/settlement?participant_id=alice", TestServer.OperatorKey)).Body!.ToJsonString());
        Assert.Equal(statement.ToJsonString(), (await t.Get("/v1/settlement?participant_id=alice", grid)).Body!.ToJsonString());
        Assert.Equal(404, (await t.Get("/v1/settlement?participant_id=zed", TestServer.OperatorKey)).Status);
        var all = (await t.Get("/v1/settlement", TestServer.OperatorKey)).Body!["statements"]!.AsArray();
        Assert.Equal(["alice", "bob", "carol"], all.Select(s => s!["participant_id"]!.GetValue<string>()));
        Assert.Equal(0.35m, all[2]!["totals"]!["received_eur"]!.GetValue<decimal>());
    }
}
