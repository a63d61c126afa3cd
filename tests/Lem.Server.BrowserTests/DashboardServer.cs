using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Time.Testing;

namespace Lem.Server.BrowserTests;

/// <summary>
/// A real <c>lem serve</c> host in process: the server's own startup (<see cref="LemServer.StartAsync"/>) with Kestrel on a
/// free loopback port, a temporary SQLite store and a fake clock (gate closures run when a test says so).
/// </summary>
internal sealed class DashboardServer : IAsyncDisposable
{
    public const string OperatorKey = "dashboard-operator-key";

    private DashboardServer(LemServer server, string dataDirectory, FakeTimeProvider clock)
    {
        Server = server;
        DataDirectory = dataDirectory;
        Clock = clock;
        BaseAddress = server.BaseAddresses[0].TrimEnd('/');
        Http = new HttpClient { BaseAddress = new Uri(BaseAddress) };
    }

    public LemServer Server { get; }

    public string DataDirectory { get; }

    public FakeTimeProvider Clock { get; }

    /// <summary>The server's address, e.g. http://127.0.0.1:41234 (no trailing slash).</summary>
    public string BaseAddress { get; }

    public HttpClient Http { get; }

    /// <summary>The fake clock's start: 2026-03-01 08:00 UTC.</summary>
    public static DateTimeOffset Start { get; } = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    public static async Task<DashboardServer> StartAsync()
    {
        var dir = Path.Combine(Path.GetTempPath(), "lem-dashboard-tests", Guid.NewGuid().ToString("N"));
        var clock = new FakeTimeProvider(Start);
        var server = await LemServer.StartAsync(new ServerOptions
        {
            DataDirectory = dir,
            Urls = ["http://127.0.0.1:0"],
            OperatorKey = OperatorKey,
            TimeProvider = clock,
            RunGateClosureTimer = false,
            RateLimitBurst = 100_000,
            RateLimitPerSecond = 100_000,
            MaxRequestBodyBytes = 4 * 1024 * 1024,
        });
        return new DashboardServer(server, dir, clock);
    }

    public async Task<(int Status, JsonNode? Body)> Send(HttpMethod method, string path, string? key, JsonNode? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    /// <summary>GET that must answer 200.</summary>
    public async Task<JsonNode> Get(string path, string? key = null)
    {
        var (status, body) = await Send(HttpMethod.Get, path, key);
        Assert.True(status == 200, $"GET {path}: {status} {body?.ToJsonString()}");
        return body!;
    }

    /// <summary>POST that must answer 200 or 201.</summary>
    public async Task<JsonNode> Post(string path, string? key, JsonNode body)
    {
        var (status, answer) = await Send(HttpMethod.Post, path, key, body);
        Assert.True(status is 200 or 201, $"POST {path}: {status} {answer?.ToJsonString()}");
        return answer!;
    }

    /// <summary>A continuous market of 15-minute slots from <paramref name="deliveryStart"/>, gates closing an hour before.</summary>
    public Task<JsonNode> CreateContinuousMarket(string id, DateTimeOffset deliveryStart, int slots = 4) => Post("/v1/markets", OperatorKey, new JsonObject
    {
        ["market_id"] = id,
        ["mechanism"] = "continuous",
        ["delivery_start"] = deliveryStart.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        ["slot_minutes"] = 15,
        ["slot_count"] = slots,
        ["gate_closure_lead_minutes"] = 60,
    });

    /// <summary>Registers a participant (or DSO) and returns its API key.</summary>
    public async Task<string> Register(string id, string role = "participant")
    {
        var r = await Post("/v1/participants", OperatorKey, new JsonObject { ["participant_id"] = id, ["role"] = role });
        return r["api_key"]!.GetValue<string>();
    }

    public Task<JsonNode> Order(string market, string key, string clientOrderId, string side, decimal price, decimal quantityKwh, int slot = 0) =>
        Post($"/v1/markets/{market}/orders", key, new JsonObject
        {
            ["client_order_id"] = clientOrderId, ["slot"] = slot, ["side"] = side, ["price_eur_per_mwh"] = price, ["quantity_kwh"] = quantityKwh,
        });

    /// <summary>Moves the clock to <paramref name="time"/> and runs the gate closures then due (as the operator).</summary>
    public async Task CloseGatesAt(DateTimeOffset time)
    {
        Clock.SetUtcNow(time);
        await Post("/v1/gate-closures/run", OperatorKey, new JsonObject());
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
