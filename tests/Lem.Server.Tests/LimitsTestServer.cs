namespace Lem.Server.Tests;

/// <summary>
/// A real server on 127.0.0.1 (port 0) with small rate limits and a short request-body grace period, for the rate-limit
/// and request-hygiene tests; the participants' and operator's requests go through one plain <see cref="HttpClient"/>.
/// </summary>
internal sealed class LimitsTestServer : IAsyncDisposable
{
    public const string OperatorKey = "limits-test-operator-key";

    private readonly string _dataDirectory;

    private LimitsTestServer(LemServer server, string dataDirectory)
    {
        Server = server;
        _dataDirectory = dataDirectory;
        var address = new Uri(server.BaseAddresses[0]);
        Host = address.Host;
        Port = address.Port;
        Http = new HttpClient { BaseAddress = address };
    }

    public LemServer Server { get; }

    public HttpClient Http { get; }

    public string Host { get; }

    public int Port { get; }

    public static async Task<LimitsTestServer> StartAsync(int burst = 100_000, int perSecond = 100_000, double minBodyBytesPerSecond = 240, double bodyGraceSeconds = 5)
    {
        var dir = Path.Combine(Path.GetTempPath(), "lem-server-tests", Guid.NewGuid().ToString("N"));
        var server = await LemServer.StartAsync(new ServerOptions
        {
            DataDirectory = dir,
            Urls = ["http://127.0.0.1:0"],
            OperatorKey = OperatorKey,
            RunGateClosureTimer = false,
            RateLimitBurst = burst,
            RateLimitPerSecond = perSecond,
            MinRequestBodyBytesPerSecond = minBodyBytesPerSecond,
            RequestBodyGracePeriod = TimeSpan.FromSeconds(bodyGraceSeconds),
        });
        return new LimitsTestServer(server, dir);
    }

    /// <summary>Registers a participant with the operator key and returns its API key.</summary>
    public async Task<string> Register(string participantId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/participants")
        {
            Content = new StringContent($$"""{"participant_id":"{{participantId}}","role":"participant"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + OperatorKey);
        using var response = await Http.SendAsync(request);
        Assert.Equal(201, (int)response.StatusCode);
        var body = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return body["api_key"]!.GetValue<string>();
    }

    /// <summary>A GET with the Authorization header exactly as given (null: none): status and Retry-After (seconds) if any.</summary>
    public async Task<(int Status, int? RetryAfterSeconds)> GetRaw(string path, string? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (authorization is not null)
        {
            Assert.True(request.Headers.TryAddWithoutValidation("Authorization", authorization));
        }

        using var response = await Http.SendAsync(request);
        _ = await response.Content.ReadAsStringAsync();
        int? retry = response.Headers.RetryAfter?.Delta is { } delta ? (int)delta.TotalSeconds : null;
        return ((int)response.StatusCode, retry);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        try
        {
            Directory.Delete(_dataDirectory, true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
