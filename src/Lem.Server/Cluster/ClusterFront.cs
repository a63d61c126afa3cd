using System.Text.Json.Nodes;
using Npgsql;

namespace Lem.Server.Cluster;

/// <summary>
/// The HTTP side of a cluster node: every request is routed to the grain of the market it concerns, wherever that grain is
/// active (docs/cluster-server.md, "Routing"). Market paths carry the market id; participant-wide paths
/// (<c>/v1/orders</c>, <c>/v1/trades</c>, ...) name it with <c>?market_id=</c>; participants and <c>/v1/me</c> go to the
/// registry; <c>GET /v1/markets</c> and <c>POST /v1/gate-closures/run</c> go to every market.
/// </summary>
internal sealed class ClusterFront(IGrainFactory grains, ClusterNodeRuntime runtime, string siloAddress)
{
    /// <summary>Handles one request.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        try
        {
            if (segments.Length < 2 || segments[0] != "v1")
            {
                await WriteProblemAsync(context, 404, "Not found.", $"{path}: a cluster node serves the API under /v1 (and the Orleans dashboard at {ClusterNodeOptions.DashboardPath} with --dashboard).").ConfigureAwait(false);
                return;
            }

            switch (segments[1])
            {
                case "health":
                    await WriteJsonAsync(context, 200, new JsonObject { ["status"] = "ok", ["node"] = siloAddress }).ConfigureAwait(false);
                    return;
                case "cluster":
                    await WriteJsonAsync(context, 200, await ClusterViewAsync().ConfigureAwait(false)).ConfigureAwait(false);
                    return;
                case "participants" or "me":
                    await ForwardAsync(context, ClusterNames.RegistryKey, await ReadBodyAsync(request).ConfigureAwait(false)).ConfigureAwait(false);
                    return;
                case "gate-closures" when request.Method == "POST":
                    await FanOutGateClosuresAsync(context, await ReadBodyAsync(request).ConfigureAwait(false)).ConfigureAwait(false);
                    return;
                case "markets" when segments.Length == 2 && request.Method == "GET":
                    await ListMarketsAsync(context).ConfigureAwait(false);
                    return;
                case "markets" when segments.Length == 2 && request.Method == "POST":
                    await CreateMarketAsync(context).ConfigureAwait(false);
                    return;
                case "markets":
                    await ForwardAsync(context, ClusterNames.MarketKey(Uri.UnescapeDataString(segments[2])), await ReadBodyAsync(request).ConfigureAwait(false)).ConfigureAwait(false);
                    return;
                default:
                    if (request.Query["market_id"].ToString() is { Length: > 0 } marketId)
                    {
                        await ForwardAsync(context, ClusterNames.MarketKey(marketId), await ReadBodyAsync(request).ConfigureAwait(false)).ConfigureAwait(false);
                        return;
                    }

                    await WriteProblemAsync(context, 400, "Bad request.", $"market_id: on a cluster node, {path} needs ?market_id= naming the market (each market has its own sequencer and ledger).",
                        new JsonObject { ["market_id"] = "required on a cluster node" }).ConfigureAwait(false);
                    return;
            }
        }
        catch (BadHttpRequestException e)
        {
            await WriteProblemAsync(context, e.StatusCode, "Bad request.", e.Message).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The market's grain could not be reached or activated (its node died and the cluster has not declared it dead
            // yet, or its store is held): the client retries; nothing was acknowledged.
            context.Response.Headers.RetryAfter = "1";
            await WriteProblemAsync(context, 503, "Service unavailable.", $"the market is moving between nodes or its store is unavailable; retry ({e.GetType().Name}).").ConfigureAwait(false);
        }
    }

    private async Task ForwardAsync(HttpContext context, string grainKey, byte[] body)
    {
        var answer = await CallAsync(context.Request, grainKey, context.Request.Path.Value + context.Request.QueryString.Value, body).ConfigureAwait(false);
        await WriteAsync(context, answer).ConfigureAwait(false);
    }

    private Task<ForwardedResponse> CallAsync(HttpRequest request, string grainKey, string pathAndQuery, byte[] body) =>
        grains.GetGrain<IMarketServerGrain>(grainKey).Handle(new ForwardedRequest(request.Method, pathAndQuery, request.Headers.Authorization.ToString(), request.ContentType, body));

    private async Task CreateMarketAsync(HttpContext context)
    {
        var body = await ReadBodyAsync(context.Request).ConfigureAwait(false);
        string? marketId = null;
        try
        {
            marketId = JsonNode.Parse(body)?["market_id"] is JsonValue v && v.TryGetValue<string>(out var id) ? id : null;
        }
        catch (JsonException)
        {
            // Reported below.
        }

        if (string.IsNullOrWhiteSpace(marketId))
        {
            await WriteProblemAsync(context, 400, "Bad request.", "market_id: a JSON body with a market_id is required (a cluster node routes the market to its grain by it).",
                new JsonObject { ["market_id"] = "required" }).ConfigureAwait(false);
            return;
        }

        var answer = await CallAsync(context.Request, ClusterNames.MarketKey(marketId), "/v1/markets", body).ConfigureAwait(false);
        if (answer.Status is >= 200 and < 300)
        {
            await using var connection = await runtime.DataSource.OpenConnectionAsync().ConfigureAwait(false);
            await using var insert = new NpgsqlCommand($"INSERT INTO {ClusterNames.MarketsTable} (market_id, schema_name) VALUES (@id, @schema) ON CONFLICT DO NOTHING", connection);
            insert.Parameters.AddWithValue("id", marketId);
            insert.Parameters.AddWithValue("schema", ClusterNames.MarketSchema(marketId));
            await insert.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        await WriteAsync(context, answer).ConfigureAwait(false);
    }

    private async Task<List<(string MarketId, string Schema)>> MarketsAsync()
    {
        var markets = new List<(string, string)>();
        await using var connection = await runtime.DataSource.OpenConnectionAsync().ConfigureAwait(false);
        await using var select = new NpgsqlCommand($"SELECT market_id, schema_name FROM {ClusterNames.MarketsTable} ORDER BY market_id", connection);
        await using var reader = await select.ExecuteReaderAsync().ConfigureAwait(false);
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            markets.Add((reader.GetString(0), reader.GetString(1)));
        }

        return markets;
    }

    private async Task ListMarketsAsync(HttpContext context)
    {
        var markets = await MarketsAsync().ConfigureAwait(false);
        var answers = await Task.WhenAll(markets.Select(m => CallAsync(context.Request, ClusterNames.MarketKey(m.MarketId), "/v1/markets/" + Uri.EscapeDataString(m.MarketId), []))).ConfigureAwait(false);
        var list = new JsonArray();
        foreach (var a in answers.Where(a => a.Status == 200))
        {
            list.Add(JsonNode.Parse(a.Body));
        }

        await WriteJsonAsync(context, 200, new JsonObject { ["markets"] = list }).ConfigureAwait(false);
    }

    private async Task FanOutGateClosuresAsync(HttpContext context, byte[] body)
    {
        var markets = await MarketsAsync().ConfigureAwait(false);
        var answers = await Task.WhenAll(markets.Select(m => CallAsync(context.Request, ClusterNames.MarketKey(m.MarketId), context.Request.Path.Value!, body))).ConfigureAwait(false);
        if (answers.FirstOrDefault(a => a.Status != 200) is { } failed)
        {
            await WriteAsync(context, failed).ConfigureAwait(false);
            return;
        }

        var closures = new JsonArray();
        foreach (var a in answers)
        {
            if (JsonNode.Parse(a.Body)?["gate_closures"] is JsonArray part)
            {
                foreach (var c in part)
                {
                    closures.Add(c?.DeepClone());
                }
            }
        }

        await WriteJsonAsync(context, 200, new JsonObject { ["gate_closures"] = closures }).ConfigureAwait(false);
    }

    private async Task<JsonObject> ClusterViewAsync()
    {
        var markets = new JsonArray();
        foreach (var (id, schema) in await MarketsAsync().ConfigureAwait(false))
        {
            markets.Add(new JsonObject { ["market_id"] = id, ["schema"] = schema });
        }

        return new JsonObject
        {
            ["node"] = siloAddress,
            ["active_here"] = new JsonArray([.. runtime.ActiveKeys.Select(k => (JsonNode)JsonValue.Create(k))]),
            ["registry_schema"] = ClusterNames.RegistrySchema,
            ["markets"] = markets,
        };
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer).ConfigureAwait(false);
        return buffer.ToArray();
    }

    private static async Task WriteAsync(HttpContext context, ForwardedResponse answer)
    {
        context.Response.StatusCode = answer.Status;
        if (answer.ContentType is { } type)
        {
            context.Response.ContentType = type;
        }

        if (answer.RetryAfterSeconds is { } retry)
        {
            context.Response.Headers.RetryAfter = retry.ToString(CultureInfo.InvariantCulture);
        }

        await context.Response.Body.WriteAsync(answer.Body).ConfigureAwait(false);
    }

    private static Task WriteJsonAsync(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body.ToJsonString());
    }

    private static Task WriteProblemAsync(HttpContext context, int status, string title, string detail, JsonObject? errors = null)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/problem+json";
        var problem = new JsonObject { ["status"] = status, ["title"] = title, ["detail"] = detail };
        if (errors is not null)
        {
            problem["errors"] = errors;
        }

        return context.Response.WriteAsync(problem.ToJsonString());
    }
}
