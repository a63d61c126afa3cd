namespace Lem.Server.LoadTest;

/// <summary>What a load test measured.</summary>
public sealed record LoadTestResult
{
    /// <summary>The market traded in.</summary>
    public required string MarketId { get; init; }

    /// <summary>The registered participants.</summary>
    public required int Participants { get; init; }

    /// <summary>Concurrent closed-loop clients (participants × connections per participant).</summary>
    public required int Clients { get; init; }

    /// <summary>Wall time from the first request until the last answer, in seconds.</summary>
    public required double ElapsedSeconds { get; init; }

    /// <summary>Order submissions answered 201 (durably stored, open or (partly) filled).</summary>
    public required long AcceptedOrders { get; init; }

    /// <summary>Cancellations answered 200.</summary>
    public required long Cancels { get; init; }

    /// <summary>Requests answered with another status, by status code (422 = stored but rejected by the book, 429 = rate limited, 5xx = server errors).</summary>
    public required IReadOnlyDictionary<int, long> RejectedByStatus { get; init; }

    /// <summary>Requests that got no HTTP answer (connection failures).</summary>
    public required long TransportErrors { get; init; }

    /// <summary>Trades reported in the answers to the submitted orders.</summary>
    public required long Trades { get; init; }

    /// <summary>Accepted orders per second of wall time.</summary>
    public double OrdersPerSecond => ElapsedSeconds > 0 ? AcceptedOrders / ElapsedSeconds : 0;

    /// <summary>Answered requests (submissions and cancellations, any status) per second of wall time.</summary>
    public double RequestsPerSecond => ElapsedSeconds > 0 ? Latency.Count / ElapsedSeconds : 0;

    /// <summary>The latency distribution of every answered request (client side: send to last byte read).</summary>
    public required LatencySummary Latency { get; init; }
}
