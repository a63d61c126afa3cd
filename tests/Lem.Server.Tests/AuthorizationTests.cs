namespace Lem.Server.Tests;

public sealed class AuthorizationTests
{
    [Fact]
    public async Task Every_endpoint_refuses_callers_without_the_role_and_never_shows_another_participants_data()
    {
        await using var t = await TestServer.StartAsync();
        await t.CreateMarket("m1", "continuous");
        var alice = await t.Register("alice");
        var bob = await t.Register("bob");
        var dso = await t.Register("grid", "dso");
        Assert.Equal(201, (await t.Order("m1", alice, "a-1", "sell", 50m, 10m)).Status);
        var trade = await t.Order("m1", alice, "a-buy", "buy", 20m, 1m);
        Assert.Equal(201, trade.Status);
        Assert.Equal(201, (await t.Order("m1", bob, "b-1", "buy", 50m, 1m)).Status);
        var aliceBobTrade = (await t.Get("/v1/trades", alice)).Body!["trades"]!.AsArray().Single()!["trade_id"]!.GetValue<long>();
        var carol = await t.Register("carol");
        t.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 1, 11, 0, 0, TimeSpan.Zero));
        await t.Server.RunDueGateClosuresAsync();

        var market = """{"market_id":"m2","mechanism":"continuous","delivery_start":"2026-03-02T00:00:00Z","slot_minutes":15,"slot_count":1,"gate_closure_lead_minutes":5}""";
        var participant = """{"participant_id":"mallory"}""";
        var order = """{"client_order_id":"x","slot":1,"side":"buy","price_eur_per_mwh":10,"quantity_kwh":1}""";
        var amend = """{"price_eur_per_mwh":10,"quantity_kwh":1}""";
        var cases = new (HttpMethod Method, string Path, string? Body, int Anonymous, int Participant, int Dso, int Operator)[]
        {
            (HttpMethod.Post, "/v1/markets", market, 401, 403, 403, 201),
            (HttpMethod.Post, "/v1/participants", participant, 401, 403, 403, 201),
            (HttpMethod.Post, "/v1/gate-closures/run", null, 401, 403, 403, 200),
            (HttpMethod.Post, "/v1/markets/m1/orders", order, 401, 201, 403, 403),
            (HttpMethod.Get, "/v1/orders", null, 401, 200, 403, 403),
            (HttpMethod.Get, "/v1/orders/a-1", null, 401, 404, 403, 403),
            (HttpMethod.Patch, "/v1/orders/a-1", amend, 401, 404, 403, 403),
            (HttpMethod.Delete, "/v1/orders/a-1", null, 401, 404, 403, 403),
            (HttpMethod.Get, "/v1/trades", null, 401, 200, 403, 403),
            (HttpMethod.Get, $"/v1/trades/{aliceBobTrade}/proof", null, 401, 404, 403, 403),
            (HttpMethod.Get, "/v1/markets/m1/positions", null, 401, 403, 200, 200),
            (HttpMethod.Get, "/v1/markets/m1/prices", null, 200, 200, 200, 200),
            (HttpMethod.Get, "/v1/markets/m1/depth?slot=1", null, 200, 200, 200, 200),
            (HttpMethod.Get, "/v1/markets", null, 200, 200, 200, 200),
            (HttpMethod.Get, "/v1/health", null, 200, 200, 200, 200),
        };
        foreach (var c in cases)
        {
            foreach (var (key, expected) in new[] { ((string?)null, c.Anonymous), (carol, c.Participant), (dso, c.Dso), (TestServer.OperatorKey, c.Operator) })
            {
                var r = await t.Send(c.Method, c.Path, key, c.Body);
                Assert.True(expected == r.Status, $"{c.Method} {c.Path} as {key ?? "anonymous"}: expected {expected}, got {r.Status}");
                if (r.Status >= 400)
                {
                    Assert.Equal("application/problem+json", r.ContentType);
                    Assert.Equal(r.Status, r.Body!["status"]!.GetValue<int>());
                }
            }

            var bad = await t.Send(c.Method, c.Path, "not-a-key", c.Body);
            Assert.Equal(401, bad.Status);
        }

        // Carol's orders, trades and proofs never include Alice's; Alice's order is unchanged by every attempt.
        Assert.All((await t.Get("/v1/orders", carol)).Body!["orders"]!.AsArray(), o => Assert.Equal("carol", o!["participant_id"]!.GetValue<string>()));
        Assert.Empty((await t.Get("/v1/trades", carol)).Body!["trades"]!.AsArray());
        var a1 = await t.Get("/v1/orders/a-1", alice);
        Assert.Equal("alice", a1.Body!["participant_id"]!.GetValue<string>());
        Assert.Equal(50m, a1.Body["price_eur_per_mwh"]!.GetValue<decimal>());
        Assert.Equal(200, (await t.Get($"/v1/trades/{aliceBobTrade}/proof", alice)).Status);
        Assert.Equal(200, (await t.Get($"/v1/trades/{aliceBobTrade}/proof", bob)).Status);
    }

    [Fact]
    public async Task A_caller_over_its_rate_limit_gets_429_as_a_problem()
    {
        await using var t = await TestServer.StartAsync(burst: 3);
        var responses = new List<(int Status, System.Text.Json.Nodes.JsonNode? Body, string ContentType)>();
        for (var i = 0; i < 20; i++)
        {
            responses.Add(await t.Get("/v1/markets"));
        }

        Assert.Equal(200, responses[0].Status);
        var limited = responses.First(r => r.Status == 429);
        Assert.Equal("application/problem+json", limited.ContentType);
        Assert.Equal(429, limited.Body!["status"]!.GetValue<int>());
    }
}
