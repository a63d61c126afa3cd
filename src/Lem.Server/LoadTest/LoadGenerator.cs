using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace Lem.Server.LoadTest;

/// <summary>
/// The load generator behind <c>lem loadtest</c> and <c>lem bench server</c>: as the operator it creates a continuous
/// market (or uses a given one) and registers the participants, then Participants × ConnectionsPerParticipant closed-loop
/// clients over HTTP/1.1 keep-alive connections submit a realistic order stream (limit orders around a mid price on both
/// sides, about 20 % crossing, cancels of older own orders), each order with a unique client_order_id, and every
/// request's latency is recorded.
/// </summary>
public static class LoadGenerator
{
    /// <summary>Runs the load test and returns what it measured.</summary>
    /// <exception cref="ArgumentException">When an option is out of range.</exception>
    /// <exception cref="LoadTestException">When the server cannot be reached, refuses the operator key, or the market is unusable.</exception>
    public static async Task<LoadTestResult> RunAsync(LoadTestOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Participants, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Participants, LoadTestOptions.MaxParticipants);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ConnectionsPerParticipant, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.ConnectionsPerParticipant, LoadTestOptions.MaxConnectionsPerParticipant);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Duration, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Duration, TimeSpan.FromSeconds(LoadTestOptions.MaxDurationSeconds));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxOpenOrdersPerClient, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Warmup, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Warmup, TimeSpan.FromSeconds(LoadTestOptions.MaxDurationSeconds));
        ArgumentException.ThrowIfNullOrWhiteSpace(options.OperatorKey);

        var run = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 4));
        using var admin = NewClient(options.BaseAddress, options.OperatorKey, 1);
        await CheckHealthAsync(admin, options.BaseAddress, cancellationToken).ConfigureAwait(false);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Markets, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Markets, LoadTestOptions.MaxMarkets);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.CreationConcurrency, 1);
        var plan = options.MarketId is { } existing
            ? await UseMarketAsync(admin, existing, options.Warmup + options.Duration, cancellationToken).ConfigureAwait(false)
            : await CreateMarketAsync(admin, options.Markets == 1 ? "loadtest-" + run : $"loadtest-{run}-0", cancellationToken).ConfigureAwait(false);
        Uri[] nodes = [options.BaseAddress, .. options.OtherBaseAddresses];
        var marketIds = new List<string> { plan.MarketId };
        var setup = Stopwatch.StartNew();
        if (options.MarketId is null && options.Markets > 1)
        {
            // On a cluster each creation activates the market's grain (schema, store, verification): market k is created
            // through node k mod n, with CreationConcurrency creations in flight over that many operator connections
            // (docs/cluster-server.md, "Creating many markets").
            var admins = nodes.Select(n => NewClient(n, options.OperatorKey, options.CreationConcurrency)).ToArray();
            try
            {
                using var gate = new SemaphoreSlim(options.CreationConcurrency);
                var more = await Task.WhenAll(Enumerable.Range(1, options.Markets - 1).Select(async k =>
                {
                    await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                    try
                    {
                        return (await CreateMarketAsync(admins[k % admins.Length], $"loadtest-{run}-{k}", cancellationToken).ConfigureAwait(false)).MarketId;
                    }
                    finally
                    {
                        gate.Release();
                    }
                })).ConfigureAwait(false);
                marketIds.AddRange(more);
            }
            finally
            {
                foreach (var a in admins)
                {
                    a.Dispose();
                }
            }
        }

        var setupSeconds = setup.Elapsed.TotalSeconds;

        var keys = new string[options.Participants];
        for (var i = 0; i < keys.Length; i++)
        {
            var body = new JsonObject { ["participant_id"] = $"lt-{run}-{i}" };
            var answer = await PostAsync(admin, "/v1/participants", body, cancellationToken).ConfigureAwait(false);
            keys[i] = answer["api_key"]?.GetValue<string>() ?? throw new LoadTestException("The server registered a participant but returned no api_key.");
            options.OnParticipantRegistered?.Invoke(body["participant_id"]!.GetValue<string>(), keys[i]);
        }

        var https = keys.Select((k, i) => NewClient(nodes[i % nodes.Length], k, options.ConnectionsPerParticipant)).ToArray();
        try
        {
            var clients = new List<LoadClient>();
            for (var p = 0; p < keys.Length; p++)
            {
                for (var c = 0; c < options.ConnectionsPerParticipant; c++)
                {
                    var seed = HashCode.Combine(options.Seed, p, c);
                    var participantId = $"lt-{run}-{p}";
                    Action<string>? acknowledged = options.OnOrderAcknowledged is { } onAcknowledged ? id => onAcknowledged(participantId, id) : null;
                    clients.Add(new LoadClient(https[p], marketIds, new OrderStream(plan, $"c{c}-", seed), options.MaxOpenOrdersPerClient, acknowledged));
                }
            }

            var start = Stopwatch.GetTimestamp() + (long)(options.Warmup.TotalSeconds * Stopwatch.Frequency);
            var deadline = start + (long)(options.Duration.TotalSeconds * Stopwatch.Frequency);
            await Task.WhenAll(clients.Select(c => Task.Run(() => c.RunAsync(start, deadline, cancellationToken), CancellationToken.None))).ConfigureAwait(false);
            var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;

            var rejected = new SortedDictionary<int, long>();
            foreach (var (status, count) in clients.SelectMany(c => c.Rejected))
            {
                rejected[status] = rejected.GetValueOrDefault(status) + count;
            }

            var ticks = new long[clients.Sum(c => c.LatencyTicks.Count)];
            var at = 0;
            foreach (var c in clients)
            {
                c.LatencyTicks.CopyTo(ticks, at);
                at += c.LatencyTicks.Count;
            }

            return new LoadTestResult(
                marketIds.Count == 1 ? plan.MarketId : $"{marketIds.Count} markets ({plan.MarketId}, ...)",
                options.Participants,
                clients.Count,
                elapsed,
                clients.Sum(c => c.Accepted),
                clients.Sum(c => c.Cancels),
                rejected,
                clients.Sum(c => c.TransportErrors),
                clients.Sum(c => c.Trades),
                LatencySummary.FromTicks(ticks))
            {
                MarketCount = marketIds.Count,
                MarketSetupSeconds = setupSeconds,
            };
        }
        finally
        {
            foreach (var h in https)
            {
                h.Dispose();
            }
        }
    }

    private static HttpClient NewClient(Uri baseAddress, string key, int connections)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(10),
        };
        var http = new HttpClient(handler, disposeHandler: true)
        {
            BaseAddress = baseAddress,
            DefaultRequestVersion = HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = TimeSpan.FromSeconds(60),
        };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http;
    }

    private static async Task CheckHealthAsync(HttpClient http, Uri baseAddress, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync("/v1/health", cancellationToken).ConfigureAwait(false);
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                throw new LoadTestException($"--operator-key: the server refused the key ({(int)response.StatusCode}).");
            }

            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new LoadTestException($"{baseAddress} answered {(int)response.StatusCode} to GET /v1/health; is it a lem server?");
            }
        }
        catch (HttpRequestException ex)
        {
            throw new LoadTestException($"cannot reach {baseAddress}: {ex.Message}", ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new LoadTestException($"{baseAddress} did not answer GET /v1/health in time.", ex);
        }
    }

    private static async Task<MarketPlan> CreateMarketAsync(HttpClient admin, string marketId, CancellationToken cancellationToken)
    {
        // 24 hourly slots from midnight UTC the day after tomorrow: every gate (60 minutes before its slot) stays open for a day or more.
        var start = DateTimeOffset.UtcNow.Date.AddDays(2);
        var body = new JsonObject
        {
            ["market_id"] = marketId,
            ["mechanism"] = "continuous",
            ["delivery_start"] = start.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["slot_minutes"] = 60,
            ["slot_count"] = 24,
            ["gate_closure_lead_minutes"] = 60,
        };
        var answer = await PostAsync(admin, "/v1/markets", body, cancellationToken).ConfigureAwait(false);
        return Plan(answer, TimeSpan.FromHours(1));
    }

    private static async Task<MarketPlan> UseMarketAsync(HttpClient admin, string marketId, TimeSpan duration, CancellationToken cancellationToken)
    {
        using var response = await admin.GetAsync("/v1/markets/" + Uri.EscapeDataString(marketId), cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new LoadTestException($"--market: the server has no market '{marketId}'.");
        }

        if (response.StatusCode != HttpStatusCode.OK || ParseOrNull(text) is not JsonObject market)
        {
            throw new LoadTestException($"--market: GET /v1/markets/{marketId} answered {(int)response.StatusCode}: {Shorten(text)}");
        }

        if (market["mechanism"]?.GetValue<string>() != "continuous")
        {
            throw new LoadTestException($"--market: '{marketId}' is a {market["mechanism"]} market; the load test needs a continuous one.");
        }

        return Plan(market, duration + TimeSpan.FromMinutes(1));
    }

    /// <summary>The plan of a market view: the slots whose gates stay open for at least <paramref name="margin"/> from now.</summary>
    private static MarketPlan Plan(JsonNode market, TimeSpan margin)
    {
        var id = market["market_id"]!.GetValue<string>();
        var start = DateTimeOffset.Parse(market["delivery_start"]!.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        var slotMinutes = market["slot_minutes"]!.GetValue<int>();
        var lead = market["gate_closure_lead_minutes"]!.GetValue<int>();
        var count = market["slot_count"]!.GetValue<int>();
        var open = DateTimeOffset.UtcNow + margin;
        var slots = Enumerable.Range(0, count).Where(s => start.AddMinutes((s * slotMinutes) - lead) > open).ToArray();
        if (slots.Length == 0)
        {
            throw new LoadTestException($"--market: every gate of '{id}' closes before the load test would end; use a market with later slots.");
        }

        return new MarketPlan(id, slots, market["tick_size_eur_per_mwh"]!.GetValue<decimal>(), market["min_price_eur_per_mwh"]!.GetValue<decimal>(),
            market["max_price_eur_per_mwh"]!.GetValue<decimal>());
    }

    private static async Task<JsonNode> PostAsync(HttpClient admin, string path, JsonObject body, CancellationToken cancellationToken)
    {
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await admin.PostAsync(path, content, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new LoadTestException($"--operator-key: the server refused the key ({(int)response.StatusCode}) for POST {path}.");
        }

        if (response.StatusCode != HttpStatusCode.Created || ParseOrNull(text) is not { } node)
        {
            throw new LoadTestException($"POST {path} answered {(int)response.StatusCode}: {Shorten(text)}");
        }

        return node;
    }

    private static JsonNode? ParseOrNull(string text)
    {
        try
        {
            return text.Length == 0 ? null : JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
