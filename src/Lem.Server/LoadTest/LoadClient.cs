using System.Diagnostics;
using System.Net.Http.Headers;

namespace Lem.Server.LoadTest;

/// <summary>
/// One closed-loop client: sends one request, waits for its answer, records the latency and sends the next. It tracks
/// its own orders that rested; now and then (3 % of requests) it cancels the oldest, and when it tracks too many it drops
/// the oldest, cancelling a quarter of those. Together with the crossing orders (more volume than the resting ones) this
/// keeps the books at a realistic, bounded depth.
/// </summary>
internal sealed class LoadClient
{
    private static readonly MediaTypeHeaderValue JsonType = new("application/json");
    private readonly HttpClient _http;
    private readonly string[] _ordersPaths;
    private readonly string[] _marketIds;
    private readonly bool _routeByMarket;
    private readonly Queue<(string Id, int Market)> _open = new();
    private int _nextMarket;
    private readonly OrderStream _stream;
    private readonly int _maxOpen;
    private readonly Action<string>? _onAcknowledged;

    /// <summary>
    /// A client of one participant (the HTTP client carries its key) in one market; <paramref name="onAcknowledged"/>, if
    /// given, gets the client_order_id of every order answered 201.
    /// </summary>
    public LoadClient(HttpClient http, MarketPlan plan, OrderStream stream, int maxOpen, Action<string>? onAcknowledged = null)
        : this(http, [plan.MarketId], stream, maxOpen, onAcknowledged)
    {
    }

    /// <summary>
    /// A client that spreads its orders over several markets of the same shape, in turn starting at a random one; its
    /// cancels name the order's market with <c>?market_id=</c> (a cluster node routes by it, docs/cluster-server.md).
    /// </summary>
    public LoadClient(HttpClient http, IReadOnlyList<string> marketIds, OrderStream stream, int maxOpen, Action<string>? onAcknowledged = null)
    {
        ArgumentNullException.ThrowIfNull(marketIds);
        _onAcknowledged = onAcknowledged;
        _http = http;
        _marketIds = [.. marketIds];
        _ordersPaths = [.. marketIds.Select(m => "/v1/markets/" + Uri.EscapeDataString(m) + "/orders")];
        _routeByMarket = marketIds.Count > 1;
        _nextMarket = stream.Random.Next(_marketIds.Length);
        _stream = stream;
        _maxOpen = maxOpen;
    }

    /// <summary>Latencies of answered requests in Stopwatch ticks.</summary>
    public List<long> LatencyTicks { get; } = new(1 << 14);

    /// <summary>Orders answered 201.</summary>
    public long Accepted { get; private set; }

    /// <summary>Cancellations answered 200.</summary>
    public long Cancels { get; private set; }

    /// <summary>Trades reported in the answers to accepted orders.</summary>
    public long Trades { get; private set; }

    /// <summary>Requests without an HTTP answer.</summary>
    public long TransportErrors { get; private set; }

    /// <summary>Other answers by status code.</summary>
    public Dictionary<int, long> Rejected { get; } = [];

    /// <summary>
    /// Sends requests until <paramref name="deadlineTimestamp"/> (a Stopwatch timestamp) or cancellation; only requests
    /// sent from <paramref name="measureFromTimestamp"/> on are counted.
    /// </summary>
    public async Task RunAsync(long measureFromTimestamp, long deadlineTimestamp, CancellationToken cancellationToken)
    {
        var consecutiveFailures = 0;
        while (Stopwatch.GetTimestamp() < deadlineTimestamp && !cancellationToken.IsCancellationRequested)
        {
            string? cancelId = null;
            var market = _nextMarket;
            if (_open.Count >= _maxOpen)
            {
                // The oldest tracked order has most likely been filled by now; a quarter of them get a cancel anyway.
                var oldest = _open.Dequeue();
                (cancelId, market) = _stream.Random.NextDouble() < 0.25 ? oldest : (null, market);
            }
            else if (_open.Count > 0 && _stream.Random.NextDouble() < 0.03)
            {
                (cancelId, market) = _open.Dequeue();
            }

            if (cancelId is null)
            {
                _nextMarket = (_nextMarket + 1) % _marketIds.Length;
            }

            var cancel = cancelId is not null;
            string? orderId = null;
            using var request = cancel
                ? new HttpRequestMessage(HttpMethod.Delete, "/v1/orders/" + Uri.EscapeDataString(cancelId!) + (_routeByMarket ? "?market_id=" + Uri.EscapeDataString(_marketIds[market]) : ""))
                : NewOrder(market, out orderId);
            var t0 = Stopwatch.GetTimestamp();
            try
            {
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
                var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
                var latency = Stopwatch.GetTimestamp() - t0;
                consecutiveFailures = 0;
                var status = (int)response.StatusCode;
                var trades = 0;
                if (!cancel && status == 201)
                {
                    (var open, trades) = ReadOrderAnswer(bytes);
                    _onAcknowledged?.Invoke(orderId!);
                    if (open)
                    {
                        _open.Enqueue((orderId!, market));
                    }
                }

                if (t0 < measureFromTimestamp)
                {
                    continue;
                }

                LatencyTicks.Add(latency);
                if (!cancel && status == 201)
                {
                    Accepted++;
                    Trades += trades;
                }
                else if (cancel && status == 200)
                {
                    Cancels++;
                }
                else
                {
                    Rejected[status] = Rejected.GetValueOrDefault(status) + 1;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (HttpRequestException)
            {
                TransportErrors += t0 >= measureFromTimestamp ? 1 : 0;
                if (++consecutiveFailures >= 20)
                {
                    break;
                }

                await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Reads the top-level <c>status</c> (open or not) and the number of <c>trades</c> of an order's answer.</summary>
    internal static (bool Open, int Trades) ReadOrderAnswer(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        var open = false;
        var trades = 0;
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 1)
                {
                    continue;
                }

                if (reader.ValueTextEquals("status"u8))
                {
                    reader.Read();
                    open = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("open"u8);
                }
                else if (reader.ValueTextEquals("trades"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.StartArray)
                    {
                        continue;
                    }

                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        trades++;
                        reader.Skip();
                    }
                }
            }
        }
        catch (JsonException)
        {
            // A malformed answer counts what was read before it.
        }

        return (open, trades);
    }

    private HttpRequestMessage NewOrder(int market, out string? clientOrderId)
    {
        var (id, body, _) = _stream.Next();
        clientOrderId = id;
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = JsonType;
        return new HttpRequestMessage(HttpMethod.Post, _ordersPaths[market]) { Content = content };
    }
}
