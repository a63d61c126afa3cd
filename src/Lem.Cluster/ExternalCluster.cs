using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Lem.Cluster;

/// <summary>
/// A client of a Lem cluster of <c>lem silo</c> processes (docs/cluster.md#running-silos): it finds the silos' gateways
/// in the PostgreSQL membership tables and starts runs whose coordinator and agents run on the silos.
/// </summary>
public sealed class ExternalCluster : IAsyncDisposable
{
    private readonly IHost _client;

    private ExternalCluster(IHost client) => _client = client;

    /// <summary>The cluster client that starts runs (their coordinator runs as a grain on a silo).</summary>
    public IClusterClient Client => _client.Services.GetRequiredService<IClusterClient>();

    /// <summary>Creates the membership tables when missing and connects to the cluster (waits until a silo's gateway answers).</summary>
    /// <exception cref="Npgsql.NpgsqlException">PostgreSQL cannot be reached.</exception>
    public static async Task<ExternalCluster> ConnectAsync(string connectionString, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        await OrleansMembership.EnsureTablesAsync(connectionString, cancellation).ConfigureAwait(false);
        var builder = Host.CreateApplicationBuilder(InProcessCluster.NoFileWatchers);
        InProcessCluster.Quiet(builder.Logging);
        builder.UseOrleansClient(c =>
        {
            c.UseAdoNetClustering(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = connectionString;
            });
            c.Configure<Orleans.Configuration.ClusterOptions>(o =>
            {
                o.ClusterId = ClusterSetup.ClusterId;
                o.ServiceId = ClusterSetup.ServiceId;
            });
            c.ConfigureLemClient().ConfigureLemFailover();
        });
        var host = builder.Build();
        await host.StartAsync(cancellation).ConfigureAwait(false);
        return new ExternalCluster(host);
    }

    /// <summary>The silos the membership table lists as active.</summary>
    public async Task<int> ActiveSilosAsync()
    {
        var hosts = await Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).ConfigureAwait(false);
        return hosts.Count;
    }

    /// <summary>Disconnects (the silos keep running).</summary>
    public async ValueTask DisposeAsync()
    {
        await _client.StopAsync().ConfigureAwait(false);
        _client.Dispose();
    }
}
