using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;

namespace Lem.Server.Tests;

/// <summary>A real server on 127.0.0.1 (port 0) over a temporary data folder, with a fake clock and HTTP helpers.</summary>
internal sealed class TestServer : IAsyncDisposable
{
    public const string OperatorKey = "test-operator-key";

    private TestServer(LemServer server, string dataDirectory, FakeTimeProvider clock, bool ownsFolder)
    {
        Server = server;
        DataDirectory = dataDirectory;
        Clock = clock;
        OwnsFolder = ownsFolder;
        Http = new HttpClient { BaseAddress = new Uri(server.BaseAddresses[0]) };
    }

    public LemServer Server { get; }

    public string DataDirectory { get; }

    public FakeTimeProvider Clock { get; }

    public HttpClient Http { get; }

    public bool OwnsFolder { get; set; }

    public static DateTimeOffset Start { get; } = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    public static async Task<TestServer> StartAsync(string? dataDirectory = null, FakeTimeProvider? clock = null, int burst = 100_000, long maxBody = 64 * 1024, string? postgres = null,
        Engine.Markets.ServerMarketKinds? marketKinds = null)
    {
        var dir = dataDirectory ?? Path.Combine(Path.GetTempPath(), "lem-server-tests", Guid.NewGuid().ToString("N"));
        clock ??= new FakeTimeProvider(Start);
        var server = await LemServer.StartAsync(new ServerOptions
        {
            DataDirectory = dir,
            PostgresConnectionString = postgres,
            Urls = ["http://127.0.0.1:0"],
            OperatorKey = OperatorKey,
            TimeProvider = clock,
            RunGateClosureTimer = false,
            RateLimitBurst = burst,
            RateLimitPerSecond = Math.Min(burst, 100_000),
            MaxRequestBodyBytes = maxBody,
            MarketKinds = marketKinds,
        });
        return new TestServer(server, dir, clock, dataDirectory is null);
    }

    public async Task<(int Status, JsonNode? Body, string ContentType)> Send(HttpMethod method, string path, string? key, string? json = null, string? signature = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        if (signature is not null)
        {
            request.Headers.Add("X-Lem-Signature", signature);
        }

        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? body = null;
        if (text.Length > 0)
        {
            try
            {
                body = JsonNode.Parse(text);
            }
            catch (System.Text.Json.JsonException)
            {
                body = JsonValue.Create(text);
            }
        }

        return ((int)response.StatusCode, body, response.Content.Headers.ContentType?.MediaType ?? string.Empty);
    }

    public Task<(int Status, JsonNode? Body, string ContentType)> Get(string path, string? key = null) => Send(HttpMethod.Get, path, key);

    public Task<(int Status, JsonNode? Body, string ContentType)> Post(string path, string? key, object body) => Send(HttpMethod.Post, path, key, Json(body));

    public static string Json(object body) => body as string ?? System.Text.Json.JsonSerializer.Serialize(body);

    public async Task CreateMarket(string id, string mechanism, int slots = 4, int leadMinutes = 60)
    {
        var r = await Post("/v1/markets", OperatorKey, new Dictionary<string, object>
        {
            ["market_id"] = id, ["mechanism"] = mechanism, ["delivery_start"] = "2026-03-01T12:00:00Z", ["slot_minutes"] = 15,
            ["slot_count"] = slots, ["gate_closure_lead_minutes"] = leadMinutes,
        });
        Assert.Equal(201, r.Status);
    }

    public async Task<string> Register(string id, string role = "participant", string? publicKey = null)
    {
        var body = new Dictionary<string, object?> { ["participant_id"] = id, ["role"] = role };
        if (publicKey is not null)
        {
            body["ed25519_public_key"] = publicKey;
        }

        var r = await Post("/v1/participants", OperatorKey, body);
        Assert.Equal(201, r.Status);
        return r.Body!["api_key"]!.GetValue<string>();
    }

    public Task<(int Status, JsonNode? Body, string ContentType)> Order(string market, string key, string clientOrderId, string side, decimal price, decimal quantityKwh, int slot = 0) =>
        Post($"/v1/markets/{market}/orders", key, new Dictionary<string, object>
        {
            ["client_order_id"] = clientOrderId, ["slot"] = slot, ["side"] = side, ["price_eur_per_mwh"] = price, ["quantity_kwh"] = quantityKwh,
        });

    /// <summary>Stops the server but keeps the data folder (for restart tests).</summary>
    public async Task StopAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (OwnsFolder)
        {
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
}
