using System.Net.Http.Headers;
using Lem.Server.Api;
using Lem.Server.Store;
using Orleans.Concurrency;

namespace Lem.Server.Cluster;

/// <summary>
/// A market (or the participants' registry) as a grain: on activation it opens the market's own PostgreSQL schema (on the
/// node's pooled connections, the schema lock held by the node's lock session), verifies
/// it and replays it (<see cref="LemServer.StartAsync"/>, in memory, no socket), so a market that lived on a node that died
/// comes back on another node with every acknowledged order. Requests run through the market server's own API and are
/// answered after its group commit. Reentrant: requests interleave so that the sequencer can batch them; the sequencer,
/// not the grain, orders them. A participant's key is copied from the registry into the market's log on its first request
/// there (docs/cluster-server.md).
/// </summary>
[Reentrant]
internal sealed class MarketServerGrain(ClusterNodeRuntime runtime) : Grain, IMarketServerGrain
{
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(60);
    private LemServer? _server;
    private HttpClient? _http;

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        var schema = ClusterNames.SchemaOf(key);
        var options = new ServerOptions
        {
            DataDirectory = Path.Combine(runtime.DataDirectory, "markets", schema),
            KeyDirectory = runtime.DataDirectory,

            // The market's schema (created by the store's Load when missing) on the node's pooled connections; the node's lock
            // session holds the schema lock (docs/cluster-server.md, "Connections and the schema lock").
            StoreFactory = () => new PooledPostgresMarketStore(runtime.DataSource, schema, runtime.Locks),
            OperatorKey = runtime.OperatorKey,
            InMemory = true,
            Urls = [],
            MaxRequestBodyBytes = runtime.Options.MaxRequestBodyBytes,
            RateLimitBurst = runtime.Options.RateLimitPerSecond,
            RateLimitPerSecond = runtime.Options.RateLimitPerSecond,
            MaxOpenOrdersPerParticipant = runtime.Options.MaxOpenOrdersPerParticipant,
        };

        // A node that died holds the schema's advisory lock until PostgreSQL notices its session is gone; wait for it.
        var started = DateTime.UtcNow;
        while (true)
        {
            try
            {
                // Off the grain's scheduler: opening, verifying and replaying the store blocks on PostgreSQL and fsync.
                _server = await Task.Run(() => LemServer.StartAsync(options, cancellationToken), cancellationToken).ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext);
                break;
            }
            catch (IOException e) when (e.Message.StartsWith("another lem serve", StringComparison.Ordinal) && DateTime.UtcNow - started < LockWait)
            {
                await Task.Delay(250, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext);
            }
        }

        _http = new HttpClient(_server.CreateHandler()) { BaseAddress = new Uri("http://market/") };
        runtime.Activated(key);
    }

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        runtime.Deactivated(this.GetPrimaryKeyString());
        _http?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync().AsTask().ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext);
        }
    }

    /// <inheritdoc />
    public async Task<ForwardedResponse> Handle(ForwardedRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var server = _server!;
        if (server.Faulted)
        {
            // The store failed under this activation: let a new one rebuild the state from the store.
            DeactivateOnIdle();
        }

        if (this.GetPrimaryKeyString() != ClusterNames.RegistryKey)
        {
            await AdmitAsync(server, request.Authorization).ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext);
        }

        using var message = new HttpRequestMessage(new HttpMethod(request.Method), request.PathAndQuery.TrimStart('/'));
        if (request.Body.Length > 0 || request.Method is "POST" or "PUT" or "PATCH")
        {
            message.Content = new ByteArrayContent(request.Body);
            if (request.ContentType is { } type && MediaTypeHeaderValue.TryParse(type, out var parsed))
            {
                message.Content.Headers.ContentType = parsed;
            }
        }

        if (request.Authorization.Length > 0)
        {
            message.Headers.TryAddWithoutValidation("Authorization", request.Authorization);
        }

        using var response = await _http!.SendAsync(message).ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext);
        var body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext);
        var retry = response.Headers.RetryAfter?.Delta is { } delta ? (int?)Math.Max(1, (int)delta.TotalSeconds) : null;
        return new ForwardedResponse((int)response.StatusCode, response.Content.Headers.ContentType?.ToString(), retry, body);
    }

    /// <inheritdoc />
    public Task<ClusterParticipant?> FindParticipant(string apiKeySha256Hex)
    {
        var server = _server!;
        Principal? principal;
        lock (server.Engine.SyncRoot)
        {
            principal = server.Engine.Authenticate(apiKeySha256Hex);
        }

        return Task.FromResult(principal is null
            ? null
            : new ClusterParticipant(principal.Id, RoleNames.Name(principal.Role), principal.PublicKey is { } k ? Convert.ToBase64String(k) : null));
    }

    /// <summary>Copies the participant behind a bearer key from the registry into this market's log when the market does not know it yet.</summary>
    private async Task AdmitAsync(LemServer server, string authorization)
    {
        if (!authorization.StartsWith(Credentials.BearerPrefix, StringComparison.Ordinal))
        {
            return;
        }

        var hash = MarketEngine.HashKey(authorization[Credentials.BearerPrefix.Length..].Trim());
        if (hash == runtime.OperatorKeySha256Hex)
        {
            return;
        }

        bool known;
        lock (server.Engine.SyncRoot)
        {
            known = server.Engine.Authenticate(hash) is not null;
        }

        if (known)
        {
            return;
        }

        var participant = await GrainFactory.GetGrain<IMarketServerGrain>(ClusterNames.RegistryKey).FindParticipant(hash).ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext);
        if (participant is null)
        {
            return;
        }

        var payload = new JsonObject
        {
            ["participant_id"] = participant.ParticipantId,
            ["role"] = participant.Role,
            ["ed25519_public_key"] = participant.Ed25519PublicKeyBase64,
        };

        // 409: a concurrent request of the same participant copied it first.
        await server.SubmitAsync(CommandKinds.RegisterParticipant, payload, hash).ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext);
    }
}
