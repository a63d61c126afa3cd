using System.Diagnostics;
using Xunit.Abstractions;

namespace Lem.Server.BrowserTests;

/// <summary>
/// The dashboard's heavier checks: the DSO's grid map of a cleared pool market on the village grid, and the page load
/// of a market with 10,000 trades (the time is printed, never asserted; docs/dashboard.md records it).
/// </summary>
[Trait("Category", "Heavy")]
public sealed class DashboardHeavyTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private const int Timeout = 30_000;

    [Fact]
    public async Task TheDsoMapShowsEveryBusOfTheMarketsGrid()
    {
        await using var server = await DashboardServer.StartAsync();
        var start = DashboardServer.Start.AddHours(2);
        var scenario = Lem.Server.Tests.VillageInlineScenario.Create(start);
        await server.Post("/v1/markets", DashboardServer.OperatorKey, new JsonObject
        {
            ["market_id"] = "village", ["mechanism"] = "pool", ["gate_closure_lead_minutes"] = 60, ["scenario"] = scenario.DeepClone(),
        });
        var dso = await server.Register("grid-co", "dso");
        await server.CloseGatesAt(start.AddMinutes(-59));
        var grid = await WaitForGrid(server, dso);

        // The reference: the buses of the grid the market was created with (in service), and the AC check's per slot.
        var buses = scenario["grid"]!["buses"]!.AsArray().Where(b => b!["in_service"]?.GetValue<bool>() ?? true)
            .Select(b => b!["id"]!.ToJsonString().Trim('"')).Order(StringComparer.Ordinal).ToList();
        var slot0 = grid["slots"]![0]!;
        Assert.Equal(buses, slot0["buses"]!.AsArray().Select(b => b!["bus"]!.GetValue<string>()).Order(StringComparer.Ordinal));

        var page = await browser.NewPage();
        await page.GotoAsync($"{server.BaseAddress}/#/dso");
        await page.EvaluateAsync($"() => sessionStorage.setItem('lem.apiKey', '{dso}')");
        await page.ReloadAsync();
        await DashboardTests.Ready(page);
        await DashboardTests.Expect(page.Locator("#grid-map circle.bus")).ToHaveCountAsync(buses.Count, new() { Timeout = Timeout });
        var drawn = await page.Locator("#grid-map circle.bus").EvaluateAllAsync<string[]>("cs => cs.map(c => c.getAttribute('data-bus'))");
        Assert.Equal(buses, drawn.Order(StringComparer.Ordinal));
        Assert.Equal(slot0["branches"]!.AsArray().Count, await page.Locator("#grid-map line.branch").CountAsync());

        // The lowest-voltage bus of a slot is coloured for its voltage band, and moving the slider redraws the map.
        var lowest = slot0["vm_min_bus"]!.GetValue<string>();
        var vm = slot0["vm_min_pu"]!.GetValue<double>();
        var expected = vm < 0.95 ? "#b91c1c" : vm < 0.97 ? "#d97706" : vm < 1.03 ? "#15803d" : vm < 1.05 ? "#2563eb" : "#7e22ce";
        Assert.Equal(expected, await page.Locator($"#grid-map circle.bus[data-bus='{lowest}']").GetAttributeAsync("fill"));
        var last = grid["slots"]!.AsArray().Count - 1;
        await page.Locator("#grid-slot").FillAsync(last.ToString(CultureInfo.InvariantCulture));
        await DashboardTests.Expect(page.Locator("#grid-slot-value")).ToContainTextAsync($"{last} (");
        await DashboardTests.Expect(page.Locator("#grid-map circle.bus")).ToHaveCountAsync(buses.Count);
        await page.Locator("#grid-slot").FillAsync("0");
        await Accessibility.AssertNoSeriousViolations(page, "#/dso with the grid map");
        await BrowserFixture.Screenshot(page, "dso");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AMarketWithTenThousandTradesLoads()
    {
        const int Trades = 10_000;
        await using var server = await DashboardServer.StartAsync();
        var delivery = DashboardServer.Start.AddHours(4);
        await server.CreateContinuousMarket("busy", delivery, slots: 8);
        var seller = await server.Register("seller");
        var buyer = await server.Register("buyer");

        // One resting sell per slot; 10,000 buys of 1 kWh each fill against them (16 at a time over keep-alive connections).
        for (var slot = 0; slot < 8; slot++)
        {
            await server.Order("busy", seller, $"s{slot}", "sell", 40m + slot, Trades, slot);
        }

        await Parallel.ForEachAsync(Enumerable.Range(0, Trades), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            var order = await server.Order("busy", buyer, $"b{i}", "buy", 60m, 1m, i % 8);
            Assert.Equal("filled", order["status"]!.GetValue<string>());
        });
        var listed = await server.Get($"/v1/markets/busy/trades?limit=1");
        Assert.Equal(Trades, listed["trade_count"]!.GetValue<int>());

        for (var run = 0; run < 3; run++)
        {
            var api = Stopwatch.StartNew();
            var all = await server.Get($"/v1/markets/busy/trades?limit={Trades}");
            Assert.Equal(Trades, all["trades"]!.AsArray().Count);
            output.WriteLine($"GET /v1/markets/busy/trades?limit={Trades} from .NET, run {run + 1}: {api.Elapsed.TotalMilliseconds:F0} ms");
            Console.WriteLine($"GET /v1/markets/busy/trades?limit={Trades} from .NET, run {run + 1}: {api.Elapsed.TotalMilliseconds:F0} ms");
        }

        var page = await browser.NewPage();
        await page.GotoAsync($"{server.BaseAddress}/#/markets");
        await DashboardTests.Ready(page);
        for (var run = 0; run < 3; run++)
        {
            var clock = Stopwatch.StartNew();
            await page.GotoAsync($"{server.BaseAddress}/?run={run}#/market/busy");
            await DashboardTests.Expect(page.Locator("body[data-trades-shown='10000']")).ToHaveCountAsync(1, new() { Timeout = Timeout });
            clock.Stop();
            var shownMs = await page.EvaluateAsync<double>("() => performance.getEntriesByName('lem-trades-shown')[0].startTime");
            output.WriteLine($"dashboard page load with {Trades:N0} trades, run {run + 1}: navigation -> data shown {shownMs:F0} ms (performance.now), {clock.Elapsed.TotalMilliseconds:F0} ms (Playwright goto -> visible)");
            Console.WriteLine($"dashboard page load with {Trades:N0} trades, run {run + 1}: navigation -> data shown {shownMs:F0} ms (performance.now), {clock.Elapsed.TotalMilliseconds:F0} ms (Playwright goto -> visible)");
            var resources = await page.EvaluateAsync<string>("""
                () => performance.getEntriesByType('resource').map(r => `${new URL(r.name).pathname}${new URL(r.name).search} ${Math.round(r.startTime)}+${Math.round(r.duration)} ms ${r.encodedBodySize} B`).join('; ')
                """);
            output.WriteLine($"  requests (start+duration): {resources}");
            Console.WriteLine($"  requests (start+duration): {resources}");
        }

        await DashboardTests.Expect(page.Locator("#trade-count")).ToHaveTextAsync("10,000");
        await DashboardTests.Expect(page.Locator("#trades-body tr")).ToHaveCountAsync(50);
        var newest = (await server.Get("/v1/markets/busy/trades?limit=1"))["trades"]![0]!["trade_id"]!.GetValue<long>();
        await DashboardTests.Expect(page.Locator("#trades-body tr").First.Locator("td").First).ToHaveTextAsync(newest.ToString(CultureInfo.InvariantCulture));
        await BrowserFixture.Screenshot(page, "market-10000-trades");
        await page.Context.CloseAsync();
    }

    private static async Task<JsonNode> WaitForGrid(DashboardServer server, string dsoKey)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var (status, body) = await server.Send(HttpMethod.Get, "/v1/markets/village/grid", dsoKey);
            if (status == 200)
            {
                return body!;
            }

            Assert.True(status == 409 && body!["title"]!.GetValue<string>() == "Not cleared.", $"grid: {status} {body?.ToJsonString()}");
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(3), "the village market did not clear within 3 minutes");
            await Task.Delay(200);
        }
    }
}
