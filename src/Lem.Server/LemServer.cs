using Lem.Server.Api;
using Lem.Server.Engine.Markets;
using Lem.Server.Engine.Markets.Flexibility;
using Lem.Server.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lem.Server;

/// <summary>
/// The running market server (<c>lem serve</c>): Kestrel with the HTTP API, the single-writer sequencer over the durable
/// store, and the gate-closure clock. <see cref="StartAsync"/> rebuilds markets, open books and pending gate closures
/// from the store before it accepts a request.
/// </summary>
public sealed class LemServer : IAsyncDisposable
{
    /// <summary>The file of the generated operator key in the data folder.</summary>
    public const string OperatorKeyFileName = "operator.key";

    private readonly WebApplication _app;
    private readonly Sequencer _sequencer;
    private readonly IMarketStore _store;
    private readonly StreamHub _hub;
    private readonly ITimer? _timer;
    private HeadKeeper? _headKeeper;
    private bool _disposed;

    private LemServer(WebApplication app, MarketEngine engine, Sequencer sequencer, IMarketStore store, StreamHub hub, ITimer? timer, string? generatedOperatorKey, long replayed, string serverPublicKey)
    {
        Engine = engine;
        _app = app;
        _sequencer = sequencer;
        _store = store;
        _hub = hub;
        _timer = timer;
        GeneratedOperatorKey = generatedOperatorKey;
        ReplayedCommands = replayed;
        ServerPublicKeyBase64 = serverPublicKey;
        BaseAddresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
    }

    /// <summary>The addresses Kestrel listens on (with the real port when port 0 was asked for).</summary>
    public IReadOnlyList<string> BaseAddresses { get; }

    /// <summary>The operator key generated into the data folder on this (first) start, to be shown once; null otherwise.</summary>
    public string? GeneratedOperatorKey { get; }

    /// <summary>How many stored commands were replayed to rebuild the state.</summary>
    public long ReplayedCommands { get; }

    /// <summary>The in-memory state (for tests that compare books after a restart).</summary>
    internal MarketEngine Engine { get; }

    /// <summary>The server's Ed25519 public key (base64), which signs the ledger.</summary>
    public string ServerPublicKeyBase64 { get; }

    /// <summary>
    /// Opens the store (SQLite in the data folder, or PostgreSQL), verifies it (the hash chain, the command log against the
    /// ledger, and that the chain reaches the head the server signed last), rebuilds the state from it and starts listening.
    /// </summary>
    /// <exception cref="StoreIntegrityException">The store fails verification; the message names the first bad record.</exception>
    /// <exception cref="ArgumentException">When an option is out of range or the PostgreSQL connection string is malformed.</exception>
    /// <exception cref="Npgsql.NpgsqlException">When the PostgreSQL server cannot be reached or refuses the login.</exception>
    public static async Task<LemServer> StartAsync(ServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DataDirectory);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxRequestBodyBytes, 1024);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.RateLimitBurst, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.RateLimitPerSecond, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxOpenOrdersPerParticipant, 1);
        Directory.CreateDirectory(options.DataDirectory);
        EnsureThreadPoolHeadroom();
        var (operatorKey, generated) = OperatorKey(options);
        var serverKey = ServerKeyFile.LoadOrCreate(options.KeyDirectory ?? options.DataDirectory);
        IMarketStore store = options.StoreFactory is { } factory ? factory()
            : options.PostgresConnectionString is { } postgres ? new PostgresMarketStore(postgres) : new SqliteMarketStore(options.DataDirectory);
        HeadKeeper? headKeeper = null;
        try
        {
            var state = store.Load();
            var verified = StartupVerification.Run(options, store, serverKey);
            var ledger = new ServerLedger(serverKey, state.LastLedgerEntry);
            ledger.BeginReplay(verified.CommandPositions ?? []);
            var engine = new MarketEngine(ledger, options.MarketKinds ?? ServerMarketKinds.BuiltIn());
            var uftp = new Uftp.UftpDso(options.Uftp, serverKey, options.DataDirectory, engine.SyncRoot);
            engine.RegisterCommandKind(Uftp.UftpDso.CommandKind, uftp.Apply);
            engine.Replay(state);
            var hub = new StreamHub();
            headKeeper = StartupVerification.StartHeadKeeper(options, ledger, hub.Publish);
            ledger.OnCommitted = headKeeper.Post;
            var sequencer = new Sequencer(engine, store, ledger, options.TimeProvider, hub.Publish, options.MaxBatchCommands);
            var services = new ServerServices(engine, sequencer, hub, ledger, MarketEngine.HashKey(operatorKey))
            {
                DefaultMaxOpenOrdersPerParticipant = options.MaxOpenOrdersPerParticipant,
            };
            var app = Build(options, services, uftp);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            ITimer? timer = null;
            if (options.RunGateClosureTimer)
            {
                timer = options.TimeProvider.CreateTimer(_ => _ = sequencer.RunDueGateClosuresAsync(), null, TimeSpan.Zero, options.GateClosurePollInterval);
            }

            return new LemServer(app, engine, sequencer, store, hub, timer, generated ? operatorKey : null, state.Commands.Count, ledger.PublicKeyBase64) { _headKeeper = headKeeper };
        }
        catch
        {
            headKeeper?.Dispose();
            store.Dispose();
            throw;
        }
    }

    /// <summary>Runs every gate closure that is due on the server's clock, and returns once they are durably stored.</summary>
    public async Task RunDueGateClosuresAsync()
    {
        var result = await _sequencer.RunDueGateClosuresAsync().ConfigureAwait(false);
        if (result.Status != 200)
        {
            throw new InvalidOperationException($"The gate closures failed: {result.Body.ToJsonString()}");
        }
    }

    /// <summary>A handler that sends requests to the in-memory API of a server started with <see cref="ServerOptions.InMemory"/>.</summary>
    internal HttpMessageHandler CreateHandler() => _app.GetTestServer().CreateHandler();

    /// <summary>Whether the sequencer stopped after a failed commit (every command then gets 503 until a restart).</summary>
    internal bool Faulted => _sequencer.Fault is not null;

    /// <summary>Submits a command to the sequencer directly (a cluster node copies a participant into a market's log, docs/cluster-server.md).</summary>
    internal Task<CommandResult> SubmitAsync(string kind, JsonObject payload, string? apiKeySha256Hex) => _sequencer.SubmitAsync(kind, payload, apiKeySha256Hex);

    /// <summary>Waits until the host shuts down (Ctrl+C or SIGTERM).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    /// <summary>Stops listening, lets the sequencer commit what it has, and closes the store.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _timer?.Dispose();
        _hub.CompleteAll();
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        await _sequencer.DisposeAsync().ConfigureAwait(false);
        _headKeeper?.Dispose();
        _store.Dispose();
    }

    /// <summary>The fewest thread-pool worker threads the server keeps ready (see <see cref="EnsureThreadPoolHeadroom"/>).</summary>
    internal const int MinimumWorkerThreads = 64;

    /// <summary>
    /// Raises the thread pool's minimum of worker threads to <see cref="MinimumWorkerThreads"/>. A clearing off the
    /// sequencer's lock is CPU-bound for seconds and its AC check runs <c>Parallel.For</c> on pool threads; with the default
    /// minimum (one per core) the requests of other markets then wait for the pool to inject threads (about one per half
    /// second): orders waited up to 2.2 s during a 4.7 s village clearing, against at most 56 ms with the headroom
    /// (docs/server-clearing.md). Threads are still only created when needed.
    /// </summary>
    private static void EnsureThreadPoolHeadroom()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        if (workers < MinimumWorkerThreads)
        {
            ThreadPool.SetMinThreads(MinimumWorkerThreads, io);
        }
    }

    private static (string Key, bool Generated) OperatorKey(ServerOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.OperatorKey))
        {
            return (options.OperatorKey.Trim(), false);
        }

        var path = Path.Combine(options.DataDirectory, OperatorKeyFileName);
        if (File.Exists(path))
        {
            return (File.ReadAllText(path).Trim(), false);
        }

        var key = Endpoints.NewKey("lem_op_");
        File.WriteAllText(path, key + Environment.NewLine);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return (key, true);
    }

    private static WebApplication Build(ServerOptions options, ServerServices services, Uftp.UftpDso uftp)
    {
        // A market behind a cluster grain watches no configuration file: each watcher takes one of the user's inotify
        // instances (128 by default on Linux), which capped a node at about 40 markets (docs/cluster-server.md).
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = options.DataDirectory,
            Args = options.InMemory ? ["--hostBuilder:reloadConfigOnChange=false"] : null,
        });
        builder.Logging.ClearProviders();
        if (options.InMemory)
        {
            builder.WebHost.UseTestServer();
        }
        else
        {
            builder.WebHost.UseUrls([.. options.Urls]);
        }

        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            k.Limits.MinRequestBodyDataRate = new MinDataRate(options.MinRequestBodyBytesPerSecond, options.RequestBodyGracePeriod);
        });
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower);
        builder.Services.AddOpenApi();
        RateLimits.Add(builder.Services, options, services);
        var app = builder.Build();
        app.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = StatusCodeProblems.StatusOf });
        app.UseStatusCodePages(StatusCodeProblems.WriteAsync);
        app.Use((context, next) => RequestHygiene.InvokeAsync(context, next, options.MaxRequestBodyBytes));
        app.UseRateLimiter();
        app.MapOpenApi("/openapi/{documentName}.json");
        Endpoints.Map(app, services);
        Uftp.UftpEndpoints.Map(app, services, uftp);
        FlexibilityEndpoints.Map(app, services);
        DashboardEndpoints.Map(app);
        return app;
    }
}
