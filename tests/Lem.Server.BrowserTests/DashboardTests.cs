using System.Text.RegularExpressions;

namespace Lem.Server.BrowserTests;

/// <summary>
/// The dashboard in a real browser against a real server: sign-in, order entry into the book, trades over the live
/// stream, gate closures updating the prices chart, the axe check of every view and a narrow screen. Every value the page
/// shows is compared with what the API answers for the same thing.
/// </summary>
public sealed partial class DashboardTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const int Timeout = 15_000;

    /// <summary>Delivery of the test markets: 4 h after the clock's start, so their gates (an hour before) are still open.</summary>
    private static readonly DateTimeOffset Delivery = DashboardServer.Start.AddHours(4);

    [Fact]
    public async Task SignInPlaceAnOrderAndSeeItInTheBook()
    {
        await using var server = await DashboardServer.StartAsync();
        await server.CreateContinuousMarket("day", Delivery);
        var alice = await server.Register("alice");
        var page = await browser.NewPage();
        await SignIn(page, server, alice);
        await Expect(page.Locator("#who")).ToHaveTextAsync("Signed in as alice (participant)");
        Assert.Equal(alice, await page.EvaluateAsync<string>("() => sessionStorage.getItem('lem.apiKey')"));
        Assert.Equal(0, await page.EvaluateAsync<int>("() => localStorage.length"));

        await page.GotoAsync($"{server.BaseAddress}/#/market/day");
        await Ready(page);
        await page.SelectOptionAsync("#order-slot", "2");
        await page.SelectOptionAsync("#order-side", "buy");
        await page.FillAsync("#order-price", "55.5");
        await page.FillAsync("#order-quantity", "12");
        await page.ClickAsync("#order-submit");
        await Expect(page.Locator("#status")).ToContainTextAsync("open", new() { Timeout = Timeout });

        // The page's book shows the server's depth of slot 2: one bid level of 12 kWh at 55.5 EUR/MWh.
        var depth = await server.Get("/v1/markets/day/depth?slot=2");
        var bid = Assert.Single(depth["bids"]!.AsArray())!;
        Assert.Equal(55.5m, bid["price_eur_per_mwh"]!.GetValue<decimal>());
        Assert.Equal(12m, bid["quantity_kwh"]!.GetValue<decimal>());
        await Expect(page.Locator("#book-slot")).ToHaveValueAsync("2");
        await Expect(page.Locator("#bids-body tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#bids-body tr").First).ToHaveTextAsync(new Regex(@"^55\.5012\.0001$"));
        await Expect(page.Locator("#asks-body tr")).ToHaveTextAsync("No ask.");

        // The order is the participant's own, with the fields typed in.
        var own = Assert.Single((await server.Get("/v1/orders", alice))["orders"]!.AsArray())!;
        Assert.Equal(("buy", 2, "open"), (own["side"]!.GetValue<string>(), own["slot"]!.GetValue<int>(), own["status"]!.GetValue<string>()));
        await BrowserFixture.Screenshot(page, "market");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ATradeArrivesOverTheStream()
    {
        await using var server = await DashboardServer.StartAsync();
        await server.CreateContinuousMarket("day", Delivery);
        var alice = await server.Register("alice");
        var bob = await server.Register("bob");
        await server.Order("day", alice, "a1", "buy", 60m, 5m, slot: 1);
        var page = await browser.NewPage();
        await page.GotoAsync($"{server.BaseAddress}/#/market/day");
        await Ready(page);
        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-stream", "open", new() { Timeout = Timeout });
        await Expect(page.Locator("#trade-count")).ToHaveTextAsync("0");
        await page.SelectOptionAsync("#book-slot", "1");
        await Expect(page.Locator("#bids-body tr").First).ToHaveTextAsync(new Regex(@"^60\.005\.0001$"), new() { Timeout = Timeout });

        // Bob's sell crosses Alice's bid after the page has loaded: the trade can only reach the page over the stream.
        await server.Order("day", bob, "b1", "sell", 58m, 2m, slot: 1);
        var trade = Assert.Single((await server.Get("/v1/trades", bob))["trades"]!.AsArray())!;
        var id = trade["trade_id"]!.GetValue<long>();
        await Expect(page.Locator("#trade-count")).ToHaveTextAsync("1", new() { Timeout = Timeout });
        var firstRow = page.Locator("#trades-body tr").First.Locator("td");
        await Expect(firstRow.Nth(0)).ToHaveTextAsync(id.ToString(CultureInfo.InvariantCulture));
        await Expect(firstRow.Nth(1)).ToHaveTextAsync("1");
        await Expect(firstRow.Nth(2)).ToHaveTextAsync(trade["price_eur_per_mwh"]!.GetValue<decimal>().ToString("N2", CultureInfo.InvariantCulture));
        await Expect(firstRow.Nth(3)).ToHaveTextAsync("2.000");

        // The book of slot 1 follows: 3 kWh of Alice's bid stay open.
        await Expect(page.Locator("#bids-body tr").First).ToHaveTextAsync(new Regex(@"^60\.003\.0001$"), new() { Timeout = Timeout });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AGateClosureUpdatesThePricesChart()
    {
        await using var server = await DashboardServer.StartAsync();
        await server.CreateContinuousMarket("day", Delivery);
        var alice = await server.Register("alice");
        var bob = await server.Register("bob");
        await server.Order("day", alice, "a1", "buy", 70m, 4m, slot: 0);
        await server.Order("day", bob, "b1", "sell", 65m, 4m, slot: 0);
        var page = await browser.NewPage();
        await page.GotoAsync($"{server.BaseAddress}/#/market/day");
        await Ready(page);
        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-stream", "open", new() { Timeout = Timeout });
        await Expect(page.Locator("#prices-chart")).ToHaveAttributeAsync("data-points", "0");
        await Expect(page.Locator("#prices-chart canvas")).ToHaveCountAsync(1);

        // Slot 0's gate closes an hour before its delivery; slot 1's a quarter of an hour later stays open.
        await server.CloseGatesAt(Delivery.AddMinutes(-59));
        var closed = Assert.Single((await server.Get("/v1/markets/day/prices"))["slots"]!.AsArray())!;
        Assert.Equal(0, closed["slot"]!.GetValue<int>());
        await Expect(page.Locator("#prices-chart")).ToHaveAttributeAsync("data-points", "1", new() { Timeout = Timeout });
        var cells = page.Locator("#closures-body tr").First.Locator("td");
        await Expect(cells.Nth(0)).ToHaveTextAsync("0");
        await Expect(cells.Nth(2)).ToHaveTextAsync(closed["price_eur_per_mwh"]!.GetValue<decimal>().ToString("N2", CultureInfo.InvariantCulture));
        await Expect(cells.Nth(3)).ToHaveTextAsync(closed["volume_kwh"]!.GetValue<decimal>().ToString("N3", CultureInfo.InvariantCulture));

        // The chart's own data: uPlot's legend shows the price at the hovered slot; its series carry the closed slot.
        var plotted = await page.EvaluateAsync<int>("() => document.querySelectorAll('#prices-chart .u-legend tr').length");
        Assert.Equal(3, plotted);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task EveryViewPassesTheAxeCheckAndIsSavedAsAScreenshot()
    {
        await using var server = await DashboardServer.StartAsync();
        var alice = await Seed(server);
        await server.Order("day", alice, "a2", "buy", 61m, 1m, slot: 2);
        var page = await browser.NewPage();
        foreach (var (view, key, name) in Views(alice, DashboardServer.OperatorKey))
        {
            await Open(page, server, view, key);
            await Accessibility.AssertNoSeriousViolations(page, view);
            await BrowserFixture.Screenshot(page, name);
        }

        // The operator view verified the ledger head's signature in the browser.
        await Open(page, server, "#/operator", DashboardServer.OperatorKey);
        await Expect(page.Locator("#head-verified")).ToHaveTextAsync("valid", new() { Timeout = Timeout });
        var head = await server.Get("/v1/ledger/head");
        await Expect(page.Locator("#head-seq")).ToHaveTextAsync(head["seq"]!.GetValue<long>().ToString(CultureInfo.InvariantCulture));
        await Expect(page.Locator("#participants-body tr")).ToHaveCountAsync((await server.Get("/v1/participants", DashboardServer.OperatorKey))["participants"]!.AsArray().Count);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ANarrowScreenNeedsNoSidewaysScrolling()
    {
        await using var server = await DashboardServer.StartAsync();
        var alice = await Seed(server);
        var page = await browser.NewPage(width: 360, height: 740);
        foreach (var (view, key, name) in Views(alice, DashboardServer.OperatorKey))
        {
            await Open(page, server, view, key);
            var (scrollWidth, innerWidth) = (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("() => window.innerWidth"));
            if (scrollWidth > innerWidth)
            {
                var wide = await page.EvaluateAsync<string[]>("""
                    () => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth && !e.closest('.scroll'))
                        .slice(0, 8).map(e => e.tagName + (e.id ? '#' + e.id : '') + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))
                    """);
                Assert.Fail($"{view}: the page is {scrollWidth} px wide on a {innerWidth} px screen; too wide: {string.Join(", ", wide)}");
            }

            foreach (var selector in new[] { "nav a[data-view=markets]", "nav a[data-view=operator]", "main h1" })
            {
                var box = await page.Locator(selector).BoundingBoxAsync();
                Assert.True(box is not null && box.X >= 0 && box.X + box.Width <= innerWidth, $"{view}: {selector} is outside the screen");
            }

            await BrowserFixture.Screenshot(page, name + "-narrow");
        }

        // The navigation works from the keyboard: Tab from the skip link reaches the first view link, Enter opens it.
        await page.GotoAsync($"{server.BaseAddress}/#/operator");
        await page.ReloadAsync();
        await Ready(page);
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator(".skip")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator("nav a[data-view=markets]")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("main h1")).ToHaveTextAsync("Markets");
        await page.Context.CloseAsync();
    }

    /// <summary>The views of the accessibility and narrow-screen checks: hash, key to sign in with (or none), screenshot name.</summary>
    private static IEnumerable<(string View, string? Key, string Name)> Views(string participantKey, string operatorKey) =>
    [
        ("#/markets", null, "markets"),
        ("#/market/day", participantKey, "market-signed-in"),
        ("#/participant", participantKey, "participant"),
        ("#/dso", operatorKey, "dso-no-grid"),
        ("#/operator", operatorKey, "operator"),
    ];

    /// <summary>A continuous market with trades in two closed slots and an open book; returns alice's key (a buyer in both).</summary>
    private static async Task<string> Seed(DashboardServer server)
    {
        await server.CreateContinuousMarket("day", Delivery);
        var alice = await server.Register("alice");
        var bob = await server.Register("bob");
        await server.Register("grid-co", "dso");
        await server.Order("day", alice, "a0", "buy", 72m, 6m, slot: 0);
        await server.Order("day", bob, "b0", "sell", 68m, 4m, slot: 0);
        await server.Order("day", alice, "a1", "buy", 66m, 3m, slot: 1);
        await server.Order("day", bob, "b1", "sell", 64m, 5m, slot: 1);
        await server.Order("day", bob, "b2", "sell", 80m, 2m, slot: 2);
        await server.CloseGatesAt(Delivery.AddMinutes(-44));
        return alice;
    }

    private static async Task SignIn(IPage page, DashboardServer server, string key)
    {
        await page.GotoAsync($"{server.BaseAddress}/#/markets");
        await Ready(page);
        await page.GetByLabel("API key").FillAsync(key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("#signed-in")).ToBeVisibleAsync(new() { Timeout = Timeout });
        await Ready(page);
    }

    private static async Task Open(IPage page, DashboardServer server, string view, string? key)
    {
        await page.GotoAsync($"{server.BaseAddress}/{view}");
        await page.EvaluateAsync(key is null ? "() => sessionStorage.clear()" : $"() => sessionStorage.setItem('lem.apiKey', '{key}')");
        await page.ReloadAsync();
        await Ready(page);
    }

    /// <summary>Waits until the view has rendered (main[data-ready=true]) without an error heading.</summary>
    internal static async Task Ready(IPage page)
    {
        await Expect(page.Locator("main[data-ready=true]")).ToHaveCountAsync(1, new() { Timeout = Timeout });
        Assert.NotEqual("Something went wrong", await page.Locator("main h1").First.TextContentAsync());
    }

    internal static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
