namespace Lem.Server.Tests;

public sealed class AuthorizationMatrixTests
{
    [Fact]
    public async Task Participants_sharing_a_client_order_id_only_ever_read_amend_or_cancel_their_own_order()
    {
        await using var t = await TestServer.StartAsync();
        await t.CreateMarket("m1", "continuous");
        var alice = await t.Register("alice");
        var bob = await t.Register("bob");
        var dso = await t.Register("grid", "dso");
        Assert.Equal(201, (await t.Order("m1", alice, "same", "sell", 70m, 10m)).Status);
        Assert.Equal(201, (await t.Order("m1", bob, "same", "buy", 20m, 4m)).Status);
        Assert.Equal(201, (await t.Order("m1", alice, "alice-only", "sell", 80m, 5m)).Status);
        Assert.Equal(201, (await t.Order("m1", bob, "cross", "buy", 70m, 1m)).Status);

        // Bob's writes on "same" touch his own order; his writes on Alice's other order find nothing.
        var amended = await t.Send(HttpMethod.Patch, "/v1/orders/same", bob, """{"price_eur_per_mwh":21,"quantity_kwh":4}""");
        Assert.Equal(200, amended.Status);
        Assert.Equal("bob", amended.Body!["participant_id"]!.GetValue<string>());
        Assert.Equal(404, (await t.Send(HttpMethod.Patch, "/v1/orders/alice-only", bob, """{"price_eur_per_mwh":71,"quantity_kwh":5}""")).Status);
        Assert.Equal(404, (await t.Send(HttpMethod.Delete, "/v1/orders/alice-only", bob)).Status);
        Assert.Equal(404, (await t.Get("/v1/orders/alice-only", bob)).Status);
        var cancelled = await t.Send(HttpMethod.Delete, "/v1/orders/same", bob);
        Assert.Equal("bob", cancelled.Body!["participant_id"]!.GetValue<string>());
        Assert.Equal("cancelled", cancelled.Body["status"]!.GetValue<string>());

        // Alice's orders are unchanged by all of it.
        var same = await t.Get("/v1/orders/same", alice);
        Assert.Equal("alice", same.Body!["participant_id"]!.GetValue<string>());
        Assert.Equal(70m, same.Body["price_eur_per_mwh"]!.GetValue<decimal>());
        Assert.Equal("open", same.Body["status"]!.GetValue<string>());
        Assert.Equal("open", (await t.Get("/v1/orders/alice-only", alice)).Body!["status"]!.GetValue<string>());

        // Lists hold only the caller's own orders and trades; the DSO and the operator have no participant views.
        Assert.All((await t.Get("/v1/orders", bob)).Body!["orders"]!.AsArray(), o => Assert.Equal("bob", o!["participant_id"]!.GetValue<string>()));
        Assert.All((await t.Get("/v1/orders", alice)).Body!["orders"]!.AsArray(), o => Assert.Equal("alice", o!["participant_id"]!.GetValue<string>()));
        var trade = Assert.Single((await t.Get("/v1/trades", bob)).Body!["trades"]!.AsArray());
        Assert.Equal("alice", trade!["seller"]!.GetValue<string>());
        Assert.Equal(403, (await t.Get("/v1/orders", dso)).Status);
        Assert.Equal(403, (await t.Get("/v1/trades", TestServer.OperatorKey)).Status);

        // A market is public to everyone; the positions only to the DSO and the operator.
        foreach (var key in new[] { null, alice, dso, TestServer.OperatorKey })
        {
            Assert.Equal(200, (await t.Get("/v1/markets/m1", key)).Status);
        }

        Assert.Equal(403, (await t.Get("/v1/markets/m1/positions", bob)).Status);
        Assert.Equal(200, (await t.Get("/v1/markets/m1/positions", dso)).Status);
    }
}
