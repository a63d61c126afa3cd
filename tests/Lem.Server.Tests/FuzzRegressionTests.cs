namespace Lem.Server.Tests;

/// <summary>The requests the fuzzer found giving 5xx (or stopping the single writer), pinned one by one.</summary>
public sealed class FuzzRegressionTests
{
    [Theory]
    [InlineData("""{"participant_id":"x","participant_id":"y"}""", "body")]
    [InlineData("""{"participant_id":"\ud800"}""", "participant_id")]
    [InlineData("""{"participant_id":"a","role":"\udfff"}""", "role")]
    public async Task Duplicate_names_and_lone_surrogates_give_400_naming_the_field(string body, string field)
    {
        await using var t = await TestServer.StartAsync();
        var r = await t.Send(HttpMethod.Post, "/v1/participants", TestServer.OperatorKey, body);
        Assert.Equal(400, r.Status);
        Assert.Equal("application/problem+json", r.ContentType);
        Assert.NotNull(r.Body!["errors"]![field]);
    }

    [Fact]
    public async Task Invalid_utf8_in_a_string_gives_400()
    {
        await using var t = await TestServer.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/participants");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestServer.OperatorKey);
        request.Content = new ByteArrayContent([.. "{\"participant_id\":\"a"u8, 0xC3, 0x28, .. "\"}"u8]);
        using var response = await t.Http.SendAsync(request);
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData("\"delivery_start\":\"9999-12-31T23:59:59Z\"", "delivery_start")]
    [InlineData("\"delivery_start\":\"0001-01-01T00:00:00Z\"", "delivery_start")]
    [InlineData("\"tick_size_eur_per_mwh\":0", "tick_size_eur_per_mwh")]
    [InlineData("\"tick_size_eur_per_mwh\":0.00001", "tick_size_eur_per_mwh")]
    [InlineData("\"tick_size_eur_per_mwh\":0.0000000000000000000000000001", "tick_size_eur_per_mwh")]
    [InlineData("\"slot_count\":1000", "tick_size_eur_per_mwh")]
    public async Task Markets_the_engine_cannot_build_are_refused_with_400_and_the_writer_keeps_working(string field, string error)
    {
        await using var t = await TestServer.StartAsync();
        var defaults = new Dictionary<string, string>
        {
            ["market_id"] = "\"x\"", ["mechanism"] = "\"continuous\"", ["delivery_start"] = "\"2026-03-02T00:00:00Z\"", ["slot_minutes"] = "15",
            ["slot_count"] = "4", ["gate_closure_lead_minutes"] = "5",
        };
        var name = field[1..field.IndexOf('"', 1)];
        defaults[name] = field[(field.IndexOf(':') + 1)..];
        var body = "{" + string.Join(",", defaults.Select(kv => $"\"{kv.Key}\":{kv.Value}")) + "}";
        var r = await t.Send(HttpMethod.Post, "/v1/markets", TestServer.OperatorKey, body);
        Assert.Equal(400, r.Status);
        Assert.NotNull(r.Body!["errors"]![error]);

        // The single writer was never handed the bad market: it still creates a good one.
        await t.CreateMarket("ok", "continuous");
    }

    [Theory]
    [InlineData("GET", "/v1/nothing-here", 404)]
    [InlineData("PUT", "/v1/markets", 405)]
    public async Task Answers_no_endpoint_wrote_are_problems_too(string method, string path, int status)
    {
        await using var t = await TestServer.StartAsync();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.TryAddWithoutValidation("Accept", "text/html");
        using var response = await t.Http.SendAsync(request);
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var body = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(status, body["status"]!.GetValue<int>());
    }
}
