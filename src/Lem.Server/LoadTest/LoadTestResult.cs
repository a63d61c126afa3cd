namespace Lem.Server.LoadTest;

/// <summary>What a load test measured.</summary>
/// <param name="MarketId">The market traded in.</param>
/// <param name="Participants">The registered participants.</param>
/// <param name="Clients">Concurrent closed-loop clients (participants × connections per participant).</param>
/// <param name="ElapsedSeconds">Wall time from the first request until the last answer, in seconds.</param>
/// <param name="AcceptedOrders">Order submissions answered 201 (durably stored, open or (partly) filled).</param>
/// <param name="Cancels">Cancellations answered 200.</param>
/// <param name="RejectedByStatus">Requests answered with another status, by status code (422 = stored but rejected by the book, 429 = rate limited, 5xx = server errors).</param>
/// <param name="TransportErrors">Requests that got no HTTP answer (connection failures).</param>
/// <param name="Trades">Trades reported in the answers to the submitted orders.</param>
/// <param name="Latency">The latency distribution of every answered request (client side: send to last byte read).</param>
public sealed record LoadTestResult(
    string MarketId,
    int Participants,
    int Clients,
    double ElapsedSeconds,
    long AcceptedOrders,
    long Cancels,
    IReadOnlyDictionary<int, long> RejectedByStatus,
    long TransportErrors,
    long Trades,
    LatencySummary Latency)
{
    /// <summary>The markets traded in.</summary>
    public int MarketCount { get; init; } = 1;

    /// <summary>Seconds spent creating the markets beyond the first (0 with one market).</summary>
    public double MarketSetupSeconds { get; init; }

    /// <summary>Accepted orders per second of wall time.</summary>
    public double OrdersPerSecond => ElapsedSeconds > 0 ? AcceptedOrders / ElapsedSeconds : 0;

    /// <summary>Answered requests (submissions and cancellations, any status) per second of wall time.</summary>
    public double RequestsPerSecond => ElapsedSeconds > 0 ? Latency.Count / ElapsedSeconds : 0;
}
