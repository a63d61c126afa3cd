namespace Lem.Server;

/// <summary>How <see cref="LemServer"/> is started: where it listens, where it stores, its clock and its limits.</summary>
public sealed record ServerOptions
{
    /// <summary>The data folder (created when missing): the SQLite database, the server's signing key and the generated operator key.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>
    /// A PostgreSQL connection string (Npgsql form) for the store instead of SQLite, in which case
    /// <see cref="DataDirectory"/> holds only the keys; null = SQLite <c>lem.db</c> in <see cref="DataDirectory"/>.
    /// </summary>
    public string? PostgresConnectionString { get; init; }

    /// <summary>
    /// Opens the store instead of <see cref="PostgresConnectionString"/> or SQLite; a cluster node's markets borrow pooled
    /// connections this way (docs/cluster-server.md). Null = the default stores.
    /// </summary>
    internal Func<Store.IMarketStore>? StoreFactory { get; init; }

    /// <summary>The listen URLs; loopback only by default. Port 0 picks a free port (see <see cref="LemServer.BaseAddresses"/>).</summary>
    public IReadOnlyList<string> Urls { get; init; } = ["http://127.0.0.1:8080"];

    /// <summary>The operator's API key; null = read from the data folder, generated there on first start.</summary>
    public string? OperatorKey { get; init; }

    /// <summary>The clock of gate closures and time stamps; the system clock by default (tests inject a fake one).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Whether gate closures run on a timer of <see cref="TimeProvider"/>; tests switch it off and call <see cref="LemServer.RunDueGateClosuresAsync"/>.</summary>
    public bool RunGateClosureTimer { get; init; } = true;

    /// <summary>How often the gate-closure timer looks for due gate closures.</summary>
    public TimeSpan GateClosurePollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The largest request body in bytes; larger requests get 413.</summary>
    public long MaxRequestBodyBytes { get; init; } = 64 * 1024;

    /// <summary>
    /// The slowest a request body may arrive, in bytes per second, once <see cref="RequestBodyGracePeriod"/> has passed;
    /// a slower body gets 408 (Kestrel's <c>MinRequestBodyDataRate</c>; see docs/server-limits.md).
    /// </summary>
    public double MinRequestBodyBytesPerSecond { get; init; } = 240;

    /// <summary>How long a request body may take before <see cref="MinRequestBodyBytesPerSecond"/> is enforced (more than 1 s).</summary>
    public TimeSpan RequestBodyGracePeriod { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The token-bucket size of each caller's rate limit (requests).</summary>
    public int RateLimitBurst { get; init; } = 20_000;

    /// <summary>The requests per second added to each caller's bucket.</summary>
    public int RateLimitPerSecond { get; init; } = 20_000;

    /// <summary>The default of <see cref="MaxOpenOrdersPerParticipant"/>.</summary>
    public const int DefaultMaxOpenOrdersPerParticipant = 256;

    /// <summary>
    /// The cap on one participant's open orders in one slot of a continuous or call-auction market, for markets created
    /// without <c>max_open_orders_per_participant</c> (docs/order-book.md, "Capacity"); an order beyond it gets 422.
    /// </summary>
    public int MaxOpenOrdersPerParticipant { get; init; } = DefaultMaxOpenOrdersPerParticipant;

    /// <summary>The most commands the sequencer writes in one transaction (group commit).</summary>
    public int MaxBatchCommands { get; init; } = 512;

    /// <summary>The UFTP endpoint's settings: Lem's domain as the DSO, ISP length, time zone, currency and pre-registered sender keys (docs/uftp.md).</summary>
    public Uftp.UftpOptions Uftp { get; init; } = new();

    /// <summary>
    /// Where the server's signing key is kept when not in <see cref="DataDirectory"/>: a cluster node's market grains share
    /// the node's key folder and keep their ledger heads in a folder of their own (docs/cluster-server.md); null = <see cref="DataDirectory"/>.
    /// </summary>
    internal string? KeyDirectory { get; init; }

    /// <summary>Whether the HTTP API runs in memory (no socket; <see cref="LemServer.CreateHandler"/>) instead of on Kestrel: a market behind its grain.</summary>
    internal bool InMemory { get; init; }

    /// <summary>The market kinds the server runs, by mechanism name; null = the built-in ones (<see cref="Engine.Markets.ServerMarketKinds.BuiltIn"/>).</summary>
    internal Engine.Markets.ServerMarketKinds? MarketKinds { get; init; }
}
