using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Lem.Ledger;

namespace Lem.Server.Tests;

public sealed class FuzzTests
{
    private const int Workers = 4;
    private const int RequestsPerWorker = 2_600;

    [Trait("Category", "Heavy")]
    [Fact]
    public async Task Ten_thousand_malformed_or_random_requests_get_2xx_or_4xx_problems_never_5xx_and_the_server_stays_up()
    {
        await using var t = await TestServer.StartAsync(burst: 1_000_000);
        await t.CreateMarket("m1", "continuous");
        await t.CreateMarket("auc", "call_auction");
        var signer = Ed25519KeyPair.Generate();
        var keys = new FuzzKeys(await t.Register("alice"), await t.Register("bob"), await t.Register("carol", publicKey: Convert.ToBase64String(signer.PublicKey)), await t.Register("grid", "dso"));
        Assert.Equal(201, (await t.Order("m1", keys.Alice, "a-1", "sell", 55m, 10m, slot: 1)).Status);

        var failures = new ConcurrentQueue<string>();
        var statuses = new ConcurrentDictionary<int, int>();
        var refusedAsRequired = 0;
        var mustFailCount = 0;
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(w => Task.Run(async () =>
        {
            var generator = new FuzzRequestGenerator(1_000 + w, keys);
            for (var i = 0; i < RequestsPerWorker; i++)
            {
                var request = generator.Next();
                int status;
                string mediaType, text;
                try
                {
                    (status, mediaType, text) = await Send(t.Http, request);
                }
                catch (HttpRequestException ex)
                {
                    failures.Enqueue($"worker {w} request {i} ({request.Description}): no answer: {ex.Message} {ex.InnerException?.Message}");
                    continue;
                }

                statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
                if (request.MustFail)
                {
                    Interlocked.Increment(ref mustFailCount);
                }

                if (Check(request, status, mediaType, text) is { } problem)
                {
                    failures.Enqueue($"worker {w} request {i} ({request.Description}): {problem}");
                }
                else if (request.MustFail)
                {
                    Interlocked.Increment(ref refusedAsRequired);
                }
            }
        })));

        var summary = string.Join(", ", statuses.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key}: {kv.Value}"));
        Assert.True(failures.IsEmpty, $"{failures.Count} bad answers ({summary}); first ones:\n" + string.Join("\n", failures.Take(15)));
        Assert.Equal(Workers * RequestsPerWorker, statuses.Values.Sum());
        Assert.DoesNotContain(statuses.Keys, s => s >= 500);
        Assert.Equal(mustFailCount, refusedAsRequired);
        Assert.True(statuses.Where(kv => kv.Key is >= 200 and < 300).Sum(kv => kv.Value) > 100, summary);
        Assert.True(statuses.Where(kv => kv.Key is >= 400 and < 500).Sum(kv => kv.Value) > Workers * RequestsPerWorker / 2, summary);

        // The server is still up and its single writer still accepts and stores commands.
        var health = await t.Get("/v1/health");
        Assert.Equal(200, health.Status);
        Assert.Equal("ok", health.Body!["status"]!.GetValue<string>());
        var order = await t.Order("m1", keys.Bob, "after-fuzz", "buy", 41m, 3m, slot: 2);
        Assert.Equal(201, order.Status);
        Assert.Contains((await t.Get("/v1/orders", keys.Bob)).Body!["orders"]!.AsArray(), o => o!["client_order_id"]!.GetValue<string>() == "after-fuzz");
        Assert.Equal("alice", (await t.Get("/v1/orders/a-1", keys.Alice)).Body!["participant_id"]!.GetValue<string>());
    }

    private static readonly string[] KestrelRefusedTargets = ["%00", "%C3%28", "%FF"];

    private static async Task<(int Status, string MediaType, string Text)> Send(HttpClient http, FuzzRequest r)
    {
        using var message = new HttpRequestMessage(r.Method, r.Path);
        if (r.Authorization is not null)
        {
            message.Headers.TryAddWithoutValidation("Authorization", r.Authorization);
        }

        // Kestrel closes a connection whose large unread body it will not drain; do not reuse such connections.
        message.Headers.ConnectionClose = r.Body is { Length: > 8 * 1024 };
        if (r.Accept is not null)
        {
            message.Headers.TryAddWithoutValidation("Accept", r.Accept);
        }

        if (r.Body is not null)
        {
            message.Content = new ByteArrayContent(r.Body);
            if (r.ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", r.ContentType);
            }
        }

        using var response = await http.SendAsync(message);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType ?? string.Empty, text);
    }

    private static string? Check(FuzzRequest r, int status, string mediaType, string text)
    {
        if (status is < 200 or >= 500 || status is >= 300 and < 400)
        {
            return $"status {status}: {Cut(text)}";
        }

        if (r.MustFail && status < 400)
        {
            return $"expected a 4xx, got {status}: {Cut(text)}";
        }

        if (status < 400 || r.Method == HttpMethod.Head)
        {
            return null;
        }

        if (status == 400 && text.Length == 0 && KestrelRefusedTargets.Any(t => r.Path.Contains(t, StringComparison.OrdinalIgnoreCase)))
        {
            // Kestrel itself refuses a request target with an encoded NUL or invalid UTF-8 before any application code runs.
            return null;
        }

        if (mediaType != "application/problem+json")
        {
            return $"status {status} with content type '{mediaType}', not application/problem+json: {Cut(text)}";
        }

        JsonObject? problem;
        try
        {
            problem = JsonNode.Parse(text) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            problem = null;
        }

        if (problem is null)
        {
            return $"status {status}: the problem is not a JSON object: {Cut(text)}";
        }

        if (problem["title"] is not JsonValue title || string.IsNullOrWhiteSpace(title.GetValue<string>()))
        {
            return $"status {status}: the problem has no title: {Cut(text)}";
        }

        if (problem["status"] is not JsonValue s || s.GetValue<int>() != status)
        {
            return $"status {status}: the problem's status differs: {Cut(text)}";
        }

        if (status == 400 && (problem["errors"] is not JsonObject errors || errors.Count == 0))
        {
            return $"a 400 without the offending field in errors: {Cut(text)}";
        }

        return null;
    }

    private static string Cut(string text) => text.Length > 300 ? text[..300] + "…" : text;
}
