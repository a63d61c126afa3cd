using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Lem.Server.Tests;

/// <summary>
/// The endpoints the dashboard reads (docs/dashboard.md): the page and its embedded files, a market's public trades
/// (checked against the participants' own trades), who a key belongs to, and the operator's participant list.
/// </summary>
public sealed partial class DashboardEndpointTests
{
    [Fact]
    public async Task The_page_and_every_file_it_references_are_served_by_the_server_itself()
    {
        await using var t = await TestServer.StartAsync();
        using var page = await t.Http.GetAsync("/");
        Assert.Equal(200, (int)page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("default-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        var html = await page.Content.ReadAsStringAsync();
        var referenced = Reference().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["/dashboard/app.css", "/dashboard/app.js", "/dashboard/uPlot.iife.min.js", "/dashboard/uPlot.min.css"], referenced.Order(StringComparer.Ordinal));
        foreach (var path in referenced)
        {
            using var file = await t.Http.GetAsync(path);
            Assert.Equal(200, (int)file.StatusCode);
            Assert.True((await file.Content.ReadAsByteArrayAsync()).Length > 1000, path);
        }

        Assert.Contains("uPlot", await t.Http.GetStringAsync("/dashboard/uPlot.iife.min.js"), StringComparison.Ordinal);
        var missing = await t.Get("/dashboard/nope.js");
        Assert.Equal((404, "application/problem+json"), (missing.Status, missing.ContentType));
    }

    [Fact]
    public async Task A_markets_trades_are_every_participants_own_trades_newest_first_without_names()
    {
        await using var t = await TestServer.StartAsync();
        await t.CreateMarket("m1", "continuous");
        var alice = await t.Register("alice");
        var bob = await t.Register("bob");
        var carol = await t.Register("carol");
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(201, (await t.Order("m1", alice, $"a{i}", "sell", 50m + i, 2m, slot: i % 3)).Status);
            Assert.Equal(201, (await t.Order("m1", i % 2 == 0 ? bob : carol, $"b{i}", "buy", 60m, 2m, slot: i % 3)).Status);
        }

        // The reference: the union of the participants' own trades (each trade has one buyer and one seller).
        var own = new List<JsonNode>();
        foreach (var key in new[] { bob, carol })
        {
            own.AddRange((await t.Get("/v1/trades", key)).Body!["trades"]!.AsArray().Select(x => x!));
        }

        var expected = own.OrderByDescending(x => x["trade_id"]!.GetValue<long>()).ToList();
        var all = await t.Get("/v1/markets/m1/trades");
        Assert.Equal(200, all.Status);
        Assert.Equal(6, all.Body!["trade_count"]!.GetValue<int>());
        var listed = all.Body["trades"]!.AsArray();
        Assert.Equal(expected.Select(x => x["trade_id"]!.GetValue<long>()), listed.Select(x => x!["trade_id"]!.GetValue<long>()));
        for (var i = 0; i < expected.Count; i++)
        {
            foreach (var field in new[] { "slot", "price_eur_per_mwh", "quantity_kwh", "time", "market_id" })
            {
                Assert.Equal(expected[i][field]!.ToJsonString(), listed[i]![field]!.ToJsonString());
            }

            Assert.Null(listed[i]!["buyer"]);
            Assert.Null(listed[i]!["seller"]);
        }

        var slot1 = await t.Get("/v1/markets/m1/trades?slot=1&limit=1");
        Assert.Equal(2, slot1.Body!["trade_count"]!.GetValue<int>());
        Assert.Equal(expected.First(x => x["slot"]!.GetValue<int>() == 1)["trade_id"]!.GetValue<long>(), Assert.Single(slot1.Body["trades"]!.AsArray())!["trade_id"]!.GetValue<long>());

        var bad = await t.Get("/v1/markets/m1/trades?slot=9&limit=0");
        Assert.Equal(400, bad.Status);
        Assert.Equal(["limit", "slot"], bad.Body!["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Equal(404, (await t.Get("/v1/markets/nope/trades")).Status);
    }

    [Fact]
    public async Task A_key_tells_who_it_is_and_only_the_operator_lists_participants()
    {
        await using var t = await TestServer.StartAsync();
        var alice = await t.Register("alice");
        await t.Register("grid", "dso");
        var me = await t.Get("/v1/me", alice);
        Assert.Equal(("alice", "participant"), (me.Body!["participant_id"]!.GetValue<string>(), me.Body["role"]!.GetValue<string>()));
        Assert.Equal("operator", (await t.Get("/v1/me", TestServer.OperatorKey)).Body!["role"]!.GetValue<string>());
        Assert.Equal(401, (await t.Get("/v1/me")).Status);
        Assert.Equal(401, (await t.Get("/v1/me", "not-a-key")).Status);

        Assert.Equal(403, (await t.Get("/v1/participants", alice)).Status);
        var list = (await t.Get("/v1/participants", TestServer.OperatorKey)).Body!["participants"]!.AsArray();
        Assert.Equal([("alice", "participant"), ("grid", "dso")], list.Select(p => (p!["participant_id"]!.GetValue<string>(), p["role"]!.GetValue<string>())));
    }

    [GeneratedRegex(@"(?:src|href)=""(/dashboard/[^""]+)""")]
    private static partial Regex Reference();
}
