using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Dashboard;

namespace Lem.Cluster;

/// <summary>
/// N silos and a client in this process on loopback with localhost clustering (docs/cluster.md#running-silos): what
/// <c>lem run --engine orleans --silos N</c> and <c>lem bench cluster</c> clear on. Optionally the first silo serves
/// the Orleans dashboard.
/// </summary>
public sealed class InProcessCluster : IAsyncDisposable
{
    private readonly List<IHost> _silos;
    private readonly IHost _client;

    private InProcessCluster(List<IHost> silos, IHost client, Uri? dashboard)
    {
        _silos = silos;
        _client = client;
        Dashboard = dashboard;
    }

    /// <summary>The cluster client that starts runs (their coordinator runs as a grain on a silo).</summary>
    public IClusterClient Client => _client.Services.GetRequiredService<IClusterClient>();

    /// <summary>The number of silos.</summary>
    public int SiloCount => _silos.Count;

    /// <summary>The dashboard's address when one was asked for.</summary>
    public Uri? Dashboard { get; }

    /// <summary>Starts <paramref name="silos"/> silos (the first is the primary) and a client connected to all of their gateways.</summary>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="silos"/> is below 1.</exception>
    public static async Task<InProcessCluster> StartAsync(int silos, int? dashboardPort = null, CancellationToken cancellation = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(silos, 1);
        var siloPorts = Enumerable.Range(0, silos).Select(_ => FreePort()).ToArray();
        var gatewayPorts = Enumerable.Range(0, silos).Select(_ => FreePort()).ToArray();
        var primary = new IPEndPoint(IPAddress.Loopback, siloPorts[0]);
        var hosts = new List<IHost>();
        Uri? dashboard = null;
        for (var i = 0; i < silos; i++)
        {
            var siloPort = siloPorts[i];
            var gatewayPort = gatewayPorts[i];
            void Silo(ISiloBuilder silo) => silo.UseLocalhostClustering(siloPort, gatewayPort, primary, ClusterSetup.ServiceId, ClusterSetup.ClusterId).ConfigureLemSilo();
            IHost host;
            if (i == 0 && dashboardPort is { } port)
            {
                var web = WebApplication.CreateSlimBuilder();
                Quiet(web.Logging);
                web.WebHost.UseUrls($"http://127.0.0.1:{port}");
                web.UseOrleans(s => { Silo(s); s.AddDashboard(); });
                var app = web.Build();
                app.MapOrleansDashboard();
                host = app;
                dashboard = new Uri($"http://127.0.0.1:{port}/");
            }
            else
            {
                var builder = Host.CreateApplicationBuilder(NoFileWatchers);
                Quiet(builder.Logging);
                builder.UseOrleans(Silo);
                host = builder.Build();
            }

            await host.StartAsync(cancellation).ConfigureAwait(false);
            hosts.Add(host);
        }

        var clientBuilder = Host.CreateApplicationBuilder(NoFileWatchers);
        Quiet(clientBuilder.Logging);
        clientBuilder.UseOrleansClient(c => c.UseLocalhostClustering(gatewayPorts, ClusterSetup.ServiceId, ClusterSetup.ClusterId).ConfigureLemClient());
        var client = clientBuilder.Build();
        await client.StartAsync(cancellation).ConfigureAwait(false);
        return new InProcessCluster(hosts, client, dashboard);
    }

    /// <summary>Stops the client and the silos.</summary>
    public async ValueTask DisposeAsync()
    {
        await _client.StopAsync().ConfigureAwait(false);
        _client.Dispose();
        for (var i = _silos.Count - 1; i >= 0; i--)
        {
            await _silos[i].StopAsync().ConfigureAwait(false);
            _silos[i].Dispose();
        }
    }

    /// <summary>
    /// Host settings without the default configuration sources: no appsettings.json watched for changes, so the silos
    /// and clients of a benchmark use no inotify instances (a per-user limit of 128 on Linux).
    /// </summary>
    internal static HostApplicationBuilderSettings NoFileWatchers => new() { DisableDefaults = true };

    /// <summary>Warnings and errors only: the silos' information logs would drown the command's output.</summary>
    internal static void Quiet(ILoggingBuilder logging)
    {
        logging.ClearProviders();
        logging.SetMinimumLevel(LogLevel.Warning);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
