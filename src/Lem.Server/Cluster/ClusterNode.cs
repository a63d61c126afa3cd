using System.Net;
using System.Net.Sockets;
using Lem.Cluster;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Hosting;

namespace Lem.Server.Cluster;

/// <summary>
/// A node of a market cluster (<c>lem serve --cluster CONNECTION</c>): Kestrel with the routing front and an Orleans silo
/// in one process, joined to the other nodes through ADO.NET membership tables in PostgreSQL; every market is a grain
/// with its own store schema and ledger in the same database (docs/cluster-server.md).
/// </summary>
public sealed class ClusterNode : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ClusterNodeRuntime _runtime;

    private ClusterNode(WebApplication app, ClusterNodeRuntime runtime, string siloAddress, string serverPublicKey, string? generatedOperatorKey)
    {
        _app = app;
        _runtime = runtime;
        SiloAddress = siloAddress;
        ServerPublicKeyBase64 = serverPublicKey;
        GeneratedOperatorKey = generatedOperatorKey;
        BaseAddresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
    }

    /// <summary>The HTTP addresses the node listens on.</summary>
    public IReadOnlyList<string> BaseAddresses { get; }

    /// <summary>The silo's address (host:port) in the cluster.</summary>
    public string SiloAddress { get; }

    /// <summary>The server key (base64) that signs every market's ledger.</summary>
    public string ServerPublicKeyBase64 { get; }

    /// <summary>The operator key generated into the data folder on this start, or null.</summary>
    public string? GeneratedOperatorKey { get; }

    /// <summary>Creates the membership tables when missing, starts the silo and joins the cluster, then listens.</summary>
    /// <exception cref="NpgsqlException">PostgreSQL cannot be reached.</exception>
    public static async Task<ClusterNode> StartAsync(ClusterNodeOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        Directory.CreateDirectory(options.DataDirectory);
        var serverKey = ServerKeyFile.LoadOrCreate(options.DataDirectory);
        var (operatorKey, generated) = OperatorKey(options);
        await EnsureTablesAsync(options.ConnectionString, cancellationToken).ConfigureAwait(false);
        var siloPort = options.SiloPort == 0 ? FreePort() : options.SiloPort;
        var gatewayPort = options.GatewayPort == 0 ? FreePort() : options.GatewayPort;
        var runtime = new ClusterNodeRuntime(options, operatorKey);
        var siloAddress = $"127.0.0.1:{siloPort}";

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = options.DataDirectory });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Orleans", LogLevel.Error);
        builder.WebHost.UseUrls([.. options.Urls]);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes);
        builder.Services.AddSingleton(runtime);
        builder.UseOrleans(silo =>
        {
            silo.UseAdoNetClustering(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = options.ConnectionString;
            });
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = options.ClusterId;
                o.ServiceId = "lem-serve";
            });
            silo.ConfigureEndpoints(IPAddress.Loopback, siloPort, gatewayPort, listenOnAnyHostAddress: false);

            // A killed node is declared dead after two missed 1 s probes by one peer (a cluster of two has only one), so its
            // markets come back elsewhere within seconds (docs/cluster-server.md, "Failure handling").
            silo.ConfigureLemFailover();
            silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(20));
            silo.Configure<GrainCollectionOptions>(o => o.CollectionAge = TimeSpan.FromHours(2));
            if (options.Dashboard)
            {
                silo.AddDashboard();
            }
        });

        var app = builder.Build();
        if (options.Dashboard)
        {
            app.MapOrleansDashboard(routePrefix: ClusterNodeOptions.DashboardPath);
        }

        var front = new ClusterFront(app.Services.GetRequiredService<IGrainFactory>(), runtime, siloAddress);
        app.MapFallback(front.InvokeAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        return new ClusterNode(app, runtime, siloAddress, Convert.ToBase64String(serverKey.PublicKey), generated ? operatorKey : null);
    }

    /// <summary>Waits until the host shuts down (Ctrl+C or SIGTERM).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    /// <summary>Leaves the cluster (its markets move to the other nodes) and stops listening.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _runtime.Dispose();
    }

    /// <summary>
    /// Creates Orleans' membership tables (docs/cluster.md#membership, <see cref="Lem.Cluster.OrleansMembership"/>) and
    /// the table of markets, when missing; nodes starting together serialise on an advisory lock.
    /// </summary>
    internal static async Task EnsureTablesAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await Lem.Cluster.OrleansMembership.EnsureTablesAsync(connection, tx, cancellationToken).ConfigureAwait(false);
        await using (var markets = new NpgsqlCommand($"CREATE TABLE IF NOT EXISTS {ClusterNames.MarketsTable} (market_id TEXT PRIMARY KEY, schema_name TEXT NOT NULL)", connection, tx))
        {
            await markets.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static (string Key, bool Generated) OperatorKey(ClusterNodeOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.OperatorKey))
        {
            return (options.OperatorKey.Trim(), false);
        }

        var path = Path.Combine(options.DataDirectory, LemServer.OperatorKeyFileName);
        if (File.Exists(path))
        {
            return (File.ReadAllText(path).Trim(), false);
        }

        var key = Api.Endpoints.NewKey("lem_op_");
        File.WriteAllText(path, key + Environment.NewLine);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return (key, true);
    }
}
