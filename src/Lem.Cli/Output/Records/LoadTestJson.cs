namespace Lem.Cli.Output.Records;

/// <summary><c>lem loadtest</c> and <c>lem bench server</c> with <c>--format json</c> (seconds rounded to 1e-3, rates to 0.1, latencies in ms to 1e-3).</summary>
/// <param name="Url">The server's address.</param>
/// <param name="MarketId">The market traded in.</param>
/// <param name="Participants">Participants.</param>
/// <param name="Clients">Keep-alive clients.</param>
/// <param name="ElapsedS">The measured time, s.</param>
/// <param name="Requests">Requests answered.</param>
/// <param name="AcceptedOrders">Orders accepted.</param>
/// <param name="Cancels">Cancels.</param>
/// <param name="Rejected">Requests rejected.</param>
/// <param name="RejectedByStatus">Rejections per HTTP status.</param>
/// <param name="TransportErrors">Requests without an answer.</param>
/// <param name="Trades">Trades.</param>
/// <param name="OrdersPerSecond">Accepted orders per second.</param>
/// <param name="RequestsPerSecond">Requests per second.</param>
/// <param name="MeanMs">Mean latency.</param>
/// <param name="P50Ms">Median latency.</param>
/// <param name="P90Ms">90th percentile.</param>
/// <param name="P99Ms">99th percentile.</param>
/// <param name="P999Ms">99.9th percentile.</param>
/// <param name="MaxMs">Largest latency.</param>
/// <param name="Markets">Markets traded in.</param>
/// <param name="MarketSetupS">Seconds spent creating the markets beyond the first, s.</param>
public sealed record LoadTestJson(
    string Url,
    string MarketId,
    int Participants,
    int Clients,
    double ElapsedS,
    long Requests,
    long AcceptedOrders,
    long Cancels,
    long Rejected,
    IReadOnlyDictionary<int, long> RejectedByStatus,
    long TransportErrors,
    long Trades,
    double OrdersPerSecond,
    double RequestsPerSecond,
    double MeanMs,
    double P50Ms,
    double P90Ms,
    double P99Ms,
    double P999Ms,
    double MaxMs,
    int Markets,
    double MarketSetupS);
