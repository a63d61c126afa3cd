namespace Lem.Server.Tests;

public sealed class InputValidationTests
{
    [Theory]
    [InlineData("{", "body")]
    [InlineData("[1,2]", "body")]
    [InlineData("""{"client_order_id":"x","slot":0,"side":"buy","price_eur_per_mwh":NaN,"quantity_kwh":1}""", "body")]
    [InlineData("""{"client_order_id":"x","slot":0,"side":"buy","price_eur_per_mwh":"NaN","quantity_kwh":1}""", "price_eur_per_mwh")]
    [InlineData("""{"client_order_id":"x","slot":0,"side":"buy","price_eur_per_mwh":1e400,"quantity_kwh":1}""", "price_eur_per_mwh")]
    [InlineData("""{"client_order_id":"x","slot":"0","side":"buy","price_eur_per_mwh":10,"quantity_kwh":1}""", "slot")]
    [InlineData("""{"client_order_id":"x","slot":0.5,"side":"buy","price_eur_per_mwh":10,"quantity_kwh":1}""", "slot")]
    [InlineData("""{"client_order_id":"x","slot":0,"side":"up","price_eur_per_mwh":10,"quantity_kwh":1}""", "side")]
    [InlineData("""{"client_order_id":"x","slot":0,"side":"buy","price_eur_per_mwh":10}""", "quantity_kwh")]
    [InlineData("""{"client_order_id":"x y","slot":0,"side":"buy","price_eur_per_mwh":10,"quantity_kwh":1}""", "client_order_id")]
    [InlineData("""{"client_order_id":"x","slot":0,"side":"buy","price_eur_per_mwh":10,"quantity_kwh":1,"colour":"red"}""", "colour")]
    [InlineData("""{"client_order_id":"x","slot":0,"side":"buy","price_eur_per_mwh":10.001,"quantity_kwh":1}""", "price_eur_per_mwh")]
    [InlineData("""{"client_order_id":"x","slot":0,"side":"buy","price_eur_per_mwh":9000,"quantity_kwh":1}""", "price_eur_per_mwh")]
    [InlineData("""{"client_order_id":"x","slot":0,"side":"buy","price_eur_per_mwh":10,"quantity_kwh":-1}""", "quantity_kwh")]
    [InlineData("""{"client_order_id":"x","slot":0,"side":"buy","price_eur_per_mwh":10,"quantity_kwh":0.5}""", "quantity_kwh")]
    [InlineData("""{"client_order_id":"x","slot":99,"side":"buy","price_eur_per_mwh":10,"quantity_kwh":1}""", "slot")]
    [InlineData("""{"client_order_id":null,"slot":0,"side":"buy","price_eur_per_mwh":10,"quantity_kwh":1}""", "client_order_id")]
    public async Task Bad_order_bodies_give_400_problems_naming_the_field(string body, string field)
    {
        await using var t = await TestServer.StartAsync();
        await t.CreateMarket("m1", "continuous");
        var alice = await t.Register("alice");
        var r = await t.Send(HttpMethod.Post, "/v1/markets/m1/orders", alice, body);
        Assert.Equal(400, r.Status);
        Assert.Equal("application/problem+json", r.ContentType);
        Assert.NotNull(r.Body!["errors"]![field]);
        Assert.Empty((await t.Get("/v1/orders", alice)).Body!["orders"]!.AsArray());
    }

    [Fact]
    public async Task Bad_market_definitions_are_400_problems_and_oversized_bodies_413()
    {
        await using var t = await TestServer.StartAsync(maxBody: 4096);
        var bad = await t.Send(HttpMethod.Post, "/v1/markets", TestServer.OperatorKey,
            """{"market_id":"m","mechanism":"barter","delivery_start":"tomorrow","slot_minutes":0,"slot_count":1,"gate_closure_lead_minutes":-1,"max_price_eur_per_mwh":1e9}""");
        Assert.Equal(400, bad.Status);
        var errors = bad.Body!["errors"]!.AsObject();
        foreach (var field in new[] { "mechanism", "delivery_start", "slot_minutes", "gate_closure_lead_minutes", "max_price_eur_per_mwh" })
        {
            Assert.True(errors.ContainsKey(field), field);
        }

        var huge = "{\"participant_id\":\"" + new string('a', 10_000) + "\"}";
        var tooLarge = await t.Send(HttpMethod.Post, "/v1/participants", TestServer.OperatorKey, huge);
        Assert.Equal(413, tooLarge.Status);
        Assert.Equal("application/problem+json", tooLarge.ContentType);

        var unknownMarket = await t.Send(HttpMethod.Post, "/v1/markets/nope/orders", await t.Register("p"),
            """{"client_order_id":"x","slot":0,"side":"buy","price_eur_per_mwh":10,"quantity_kwh":1}""");
        Assert.Equal(404, unknownMarket.Status);
        Assert.Equal("application/problem+json", unknownMarket.ContentType);
        Assert.Equal(409, (await t.Post("/v1/participants", TestServer.OperatorKey, new Dictionary<string, object> { ["participant_id"] = "p" })).Status);
        Assert.Equal(404, (await t.Get("/v1/no-such-thing")).Status);

        using var plain = new HttpRequestMessage(HttpMethod.Post, "/v1/participants") { Content = new StringContent("""{"participant_id":"q"}""") };
        plain.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestServer.OperatorKey);
        using var unsupported = await t.Http.SendAsync(plain);
        Assert.Equal(415, (int)unsupported.StatusCode);
        Assert.Equal("application/problem+json", unsupported.Content.Headers.ContentType?.MediaType);
    }
}
