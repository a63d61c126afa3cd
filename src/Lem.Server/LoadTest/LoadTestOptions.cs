namespace Lem.Server.LoadTest;

/// <summary>What <see cref="LoadGenerator.RunAsync"/> does: which server, as which operator, with how many clients and for how long.</summary>
public sealed record LoadTestOptions
{
    /// <summary>The server's base address, e.g. <c>http://127.0.0.1:8080</c>.</summary>
    public required Uri BaseAddress { get; init; }

    /// <summary>The operator's API key (creates the market and registers the participants).</summary>
    public required string OperatorKey { get; init; }

    /// <summary>How many participants are registered; each gets its own API key and HTTP connection pool.</summary>
    public int Participants { get; init; } = 16;

    /// <summary>Keep-alive connections (and closed-loop clients) per participant; the concurrency is Participants × ConnectionsPerParticipant.</summary>
    public int ConnectionsPerParticipant { get; init; } = 4;

    /// <summary>How long the clients submit orders.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the clients run before the measurement starts (JIT, connection set-up, caches); nothing of it is counted.</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.Zero;

    /// <summary>An existing continuous market to trade in; null = create a fresh one.</summary>
    public string? MarketId { get; init; }

    /// <summary>
    /// How many fresh markets (of the same shape) the load is spread over; each client sends its orders to them in turn.
    /// More than one is for clusters (docs/cluster-server.md); ignored with <see cref="MarketId"/>.
    /// </summary>
    public int Markets { get; init; } = 1;

    /// <summary>
    /// Further nodes of the same cluster: the participants' clients are spread over <see cref="BaseAddress"/> and these
    /// (participant k uses node k mod n); empty for one server.
    /// </summary>
    public IReadOnlyList<Uri> OtherBaseAddresses { get; init; } = [];

    /// <summary>The most markets a run creates.</summary>
    public const int MaxMarkets = 10_000;

    /// <summary>The seed of the order streams (each client derives its own).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Market creations in flight at once when <see cref="Markets"/> &gt; 1 (each over its own operator connection, spread over the nodes).</summary>
    public int CreationConcurrency { get; init; } = 32;

    /// <summary>The largest number of own open orders a client keeps before it cancels its oldest.</summary>
    public int MaxOpenOrdersPerClient { get; init; } = 64;

    /// <summary>
    /// Optional: called once per registered participant with its participant id and API key, before any order is sent
    /// (e.g. for a test that inspects the participants' orders afterwards). Null = not called.
    /// </summary>
    public Action<string, string>? OnParticipantRegistered { get; init; }

    /// <summary>
    /// Optional: called with the participant id and client_order_id of every order submission answered 201 (durably
    /// stored), warm-up included, from the clients' threads concurrently (the callback must be thread-safe). Null = not called.
    /// </summary>
    public Action<string, string>? OnOrderAcknowledged { get; init; }

    /// <summary>The largest accepted values of <see cref="Participants"/>, <see cref="ConnectionsPerParticipant"/> and <see cref="Duration"/>.</summary>
    public const int MaxParticipants = 10_000;

    /// <summary>The largest number of connections per participant.</summary>
    public const int MaxConnectionsPerParticipant = 256;

    /// <summary>The longest run in seconds.</summary>
    public const int MaxDurationSeconds = 3600;
}
