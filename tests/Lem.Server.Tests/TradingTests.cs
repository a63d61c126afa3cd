using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Lem.Ledger;

namespace Lem.Server.Tests;

public sealed class TradingTests
{
    [Fact]
    public async Task Continuous_market_matches_at_the_resting_price_and_gate_closure_publishes_a_verifiable_merkle_root()
    {
        await using var t = await TestServer.StartAsync();
        await t.CreateMarket("m1", "continuous");
        var alice = await t.Register("alice");
        var bob = await t.Register("bob");

        var sell = await t.Order("m1", alice, "a-1", "sell", 50m, 10m);
        Assert.Equal(201, sell.Status);
        Assert.Equal("open", sell.Body!["status"]!.GetValue<string>());

        // Bob's bid crosses: 6 kWh trade at the resting ask's price (50), not his limit (55).
        var buy = await t.Order("m1", bob, "b-1", "buy", 55m, 6m);
        Assert.Equal(201, buy.Status);
        Assert.Equal("filled", buy.Body!["status"]!.GetValue<string>());
        var trade = buy.Body["trades"]!.AsArray().Single()!;
        Assert.Equal(50m, trade["price_eur_per_mwh"]!.GetValue<decimal>());
        Assert.Equal(6m, trade["quantity_kwh"]!.GetValue<decimal>());
        Assert.Equal("bob", trade["buyer"]!.GetValue<string>());
        Assert.Equal("alice", trade["seller"]!.GetValue<string>());

        var own = await t.Get("/v1/orders/a-1", alice);
        Assert.Equal(6m, own.Body!["filled_kwh"]!.GetValue<decimal>());
        Assert.Equal(4m, own.Body["open_kwh"]!.GetValue<decimal>());

        var depth = await t.Get("/v1/markets/m1/depth?slot=0");
        Assert.Equal(200, depth.Status);
        var ask = depth.Body!["asks"]!.AsArray().Single()!;
        Assert.Equal(50m, ask["price_eur_per_mwh"]!.GetValue<decimal>());
        Assert.Equal(4m, ask["quantity_kwh"]!.GetValue<decimal>());
        Assert.Null(ask["participant_id"]);
        Assert.Empty(depth.Body["bids"]!.AsArray());

        // Before gate closure there is no price and no proof.
        Assert.Empty((await t.Get("/v1/markets/m1/prices")).Body!["slots"]!.AsArray());
        var tradeId = trade["trade_id"]!.GetValue<long>();
        Assert.Equal(409, (await t.Get($"/v1/trades/{tradeId}/proof", bob)).Status);

        // Slot 0 delivers at 12:00 with a 60-minute lead: its gate closes at 11:00.
        t.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 1, 11, 0, 0, TimeSpan.Zero));
        await t.Server.RunDueGateClosuresAsync();
        var prices = await t.Get("/v1/markets/m1/prices");
        var slot0 = prices.Body!["slots"]!.AsArray().Single()!;
        Assert.Equal(0, slot0["slot"]!.GetValue<int>());
        Assert.Equal(50m, slot0["price_eur_per_mwh"]!.GetValue<decimal>());
        Assert.Equal(6m, slot0["volume_kwh"]!.GetValue<decimal>());

        // The resting remainder expired at gate closure; the next slot is still open.
        var expired = await t.Get("/v1/orders/a-1", alice);
        Assert.Equal("expired", expired.Body!["status"]!.GetValue<string>());
        Assert.Equal(409, (await t.Order("m1", alice, "a-2", "sell", 50m, 1m)).Status);
        Assert.Equal(201, (await t.Order("m1", alice, "a-3", "sell", 50m, 1m, slot: 1)).Status);

        // The proof: one leaf, so the root is SHA-256(0x00 || canonical trade JSON) (RFC 9162), computed here by hand.
        var proof = await t.Get($"/v1/trades/{tradeId}/proof", bob);
        Assert.Equal(200, proof.Status);
        var leaf = proof.Body!["leaf"]!.GetValue<string>();
        var expectedRoot = Convert.ToHexStringLower(SHA256.HashData([0x00, .. Encoding.UTF8.GetBytes(leaf)]));
        Assert.Equal(expectedRoot, slot0["merkle_root"]!.GetValue<string>());
        Assert.True(MerkleProof.TryParse(proof.Body["proof"]!.ToJsonString(), out var parsed, out _));
        Assert.True(parsed!.Verify(Convert.FromHexString(expectedRoot), Encoding.UTF8.GetBytes(leaf)));
        Assert.Equal(404, (await t.Get($"/v1/trades/{tradeId}/proof", await t.Register("carol"))).Status);

        var trades = await t.Get("/v1/trades", alice);
        Assert.Equal(tradeId, trades.Body!["trades"]!.AsArray().Single()!["trade_id"]!.GetValue<long>());
    }

    [Fact]
    public async Task Call_auction_clears_at_gate_closure_at_the_k_double_midpoint()
    {
        await using var t = await TestServer.StartAsync();
        await t.CreateMarket("auction", "call_auction");
        var a = await t.Register("a");
        var b = await t.Register("b");
        var c = await t.Register("c");

        // Bids 60 (10 kWh) and 45 (5 kWh); asks 40 (8 kWh) and 55 (10 kWh). Merit order: the 60 bid meets the 40 ask
        // (8 kWh) and then the 55 ask (2 kWh); the 45 bid does not meet 55. Efficient volume 10 kWh; the clearing interval is
        // [max(s_K, b_K+1), min(b_K, s_K+1)] = [max(55, 45), min(60, 55)] = [55, 55], so the price is 55.
        Assert.Equal(201, (await t.Order("auction", a, "a1", "buy", 60m, 10m)).Status);
        Assert.Equal(201, (await t.Order("auction", b, "b1", "buy", 45m, 5m)).Status);
        Assert.Equal(201, (await t.Order("auction", c, "c1", "sell", 40m, 8m)).Status);
        Assert.Equal(201, (await t.Order("auction", c, "c2", "sell", 55m, 10m)).Status);
        Assert.Empty((await t.Get("/v1/trades", a)).Body!["trades"]!.AsArray());
        Assert.Equal(409, (await t.Get("/v1/markets/auction/depth?slot=0")).Status);

        t.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 1, 11, 0, 0, TimeSpan.Zero));
        await t.Server.RunDueGateClosuresAsync();

        var slot0 = (await t.Get("/v1/markets/auction/prices")).Body!["slots"]!.AsArray().Single()!;
        Assert.Equal(55m, slot0["price_eur_per_mwh"]!.GetValue<decimal>());
        Assert.Equal(10m, slot0["volume_kwh"]!.GetValue<decimal>());
        var aTrades = (await t.Get("/v1/trades", a)).Body!["trades"]!.AsArray();
        Assert.Equal(10m, aTrades.Sum(x => x!["quantity_kwh"]!.GetValue<decimal>()));
        Assert.All(aTrades, x => Assert.Equal(55m, x!["price_eur_per_mwh"]!.GetValue<decimal>()));
        Assert.Empty((await t.Get("/v1/trades", b)).Body!["trades"]!.AsArray());
        Assert.Equal("expired", (await t.Get("/v1/orders/b1", b)).Body!["status"]!.GetValue<string>());
        Assert.Equal(2m, (await t.Get("/v1/orders/c2", c)).Body!["filled_kwh"]!.GetValue<decimal>());

        // The DSO sees net injections: c sells 10, a buys 10.
        var dso = await t.Register("dso-1", "dso");
        var positions = (await t.Get("/v1/markets/auction/positions", dso)).Body!["positions"]!.AsArray();
        Assert.Equal(-10m, positions.Single(p => p!["participant_id"]!.GetValue<string>() == "a")!["net_injection_kwh"]!.GetValue<decimal>());
        Assert.Equal(10m, positions.Single(p => p!["participant_id"]!.GetValue<string>() == "c")!["net_injection_kwh"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Retry_with_the_same_client_order_id_gets_the_same_answer_and_a_different_body_gets_409()
    {
        await using var t = await TestServer.StartAsync();
        await t.CreateMarket("m1", "continuous");
        var alice = await t.Register("alice");
        var bob = await t.Register("bob");
        Assert.Equal(201, (await t.Order("m1", alice, "a-1", "sell", 40m, 5m)).Status);
        var first = await t.Order("m1", bob, "b-1", "buy", 45m, 3m);
        t.Clock.Advance(TimeSpan.FromMinutes(1));
        var retry = await t.Order("m1", bob, "b-1", "buy", 45.00m, 3m);
        Assert.Equal(first.Status, retry.Status);
        Assert.Equal(first.Body!.ToJsonString(), retry.Body!.ToJsonString());
        var changed = await t.Order("m1", bob, "b-1", "buy", 46m, 3m);
        Assert.Equal(409, changed.Status);
        Assert.Equal("application/problem+json", changed.ContentType);
        Assert.NotNull(changed.Body!["errors"]!["client_order_id"]);

        // The retry traded nothing more: one trade of 3 kWh, ask left with 2 kWh.
        Assert.Single((await t.Get("/v1/trades", bob)).Body!["trades"]!.AsArray());
        Assert.Single((await t.Get("/v1/orders", bob)).Body!["orders"]!.AsArray());
        Assert.Equal(2m, (await t.Get("/v1/orders/a-1", alice)).Body!["open_kwh"]!.GetValue<decimal>());

        // Amend and cancel are idempotent too.
        var amend = await t.Send(HttpMethod.Patch, "/v1/orders/a-1", alice, """{"price_eur_per_mwh": 41, "quantity_kwh": 6}""");
        Assert.Equal(200, amend.Status);
        Assert.Equal(3m, amend.Body!["open_kwh"]!.GetValue<decimal>());
        var amendAgain = await t.Send(HttpMethod.Patch, "/v1/orders/a-1", alice, """{"price_eur_per_mwh": 41, "quantity_kwh": 6}""");
        Assert.Equal(amend.Body["open_kwh"]!.GetValue<decimal>(), amendAgain.Body!["open_kwh"]!.GetValue<decimal>());
        var cancel = await t.Send(HttpMethod.Delete, "/v1/orders/a-1", alice);
        Assert.Equal("cancelled", cancel.Body!["status"]!.GetValue<string>());
        var cancelAgain = await t.Send(HttpMethod.Delete, "/v1/orders/a-1", alice);
        Assert.Equal(200, cancelAgain.Status);
        Assert.Equal("cancelled", cancelAgain.Body!["status"]!.GetValue<string>());
        Assert.Empty((await t.Get("/v1/markets/m1/depth?slot=0")).Body!["asks"]!.AsArray());
    }

    [Fact]
    public async Task Orders_of_a_participant_with_a_public_key_must_carry_a_valid_signature()
    {
        await using var t = await TestServer.StartAsync();
        await t.CreateMarket("m1", "continuous");
        var keys = Ed25519KeyPair.Generate();
        var signer = await t.Register("signer", publicKey: keys.PublicKeyBase64);
        var body = """{"client_order_id":"s-1","slot":0,"side":"buy","price_eur_per_mwh":30,"quantity_kwh":2}""";
        Assert.Equal(401, (await t.Send(HttpMethod.Post, "/v1/markets/m1/orders", signer, body)).Status);
        var other = Convert.ToBase64String(Ed25519KeyPair.Generate().Sign(Encoding.UTF8.GetBytes(body)));
        Assert.Equal(401, (await t.Send(HttpMethod.Post, "/v1/markets/m1/orders", signer, body, other)).Status);
        var good = Convert.ToBase64String(keys.Sign(Encoding.UTF8.GetBytes(body)));
        Assert.Equal(201, (await t.Send(HttpMethod.Post, "/v1/markets/m1/orders", signer, body, good)).Status);
        Assert.Equal(400, (await t.Post("/v1/participants", TestServer.OperatorKey, new Dictionary<string, object> { ["participant_id"] = "x", ["ed25519_public_key"] = "AAAA" })).Status);
    }

    [Fact]
    public async Task Stream_sends_trades_and_openapi_document_lists_the_endpoints()
    {
        await using var t = await TestServer.StartAsync();
        await t.CreateMarket("m1", "continuous");
        var alice = await t.Register("alice");
        var bob = await t.Register("bob");

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var response = await t.Http.GetAsync("/v1/stream", HttpCompletionOption.ResponseHeadersRead, cts.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cts.Token));
        Assert.StartsWith(":", await reader.ReadLineAsync(cts.Token));
        await t.Order("m1", alice, "a", "sell", 70m, 3m);
        await t.Order("m1", bob, "b", "buy", 70m, 3m);
        string? line;
        while ((line = await reader.ReadLineAsync(cts.Token)) is not null && line != "event: trade")
        {
        }

        var data = JsonNode.Parse((await reader.ReadLineAsync(cts.Token))!["data: ".Length..])!;
        Assert.Equal(70m, data["price_eur_per_mwh"]!.GetValue<decimal>());
        Assert.Null(data["buyer"]);

        var openApi = await t.Get("/openapi/v1.json");
        Assert.Equal(200, openApi.Status);
        Assert.NotNull(openApi.Body!["paths"]!["/v1/markets/{marketId}/orders"]);
        Assert.NotNull(openApi.Body["paths"]!["/v1/trades/{tradeId}/proof"]);
        var schema = openApi.Body["components"]!["schemas"]!["SubmitOrderRequest"]!;
        Assert.NotNull(schema["properties"]!["price_eur_per_mwh"]);
        Assert.NotNull(schema["properties"]!["client_order_id"]);
    }
}
