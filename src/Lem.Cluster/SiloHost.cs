using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using Orleans.Dashboard;

namespace Lem.Cluster;

/// <summary>
/// A silo process that joins a Lem cluster with ADO.NET membership in PostgreSQL (docs/cluster.md#running-silos): what
/// <c>lem silo --cluster CONNECTION</c> runs until stopped. <see cref="StartAsync"/> creates the membership tables when
/// missing (<see cref="OrleansMembership"/>). Agents of runs started elsewhere are re-created from the scenario file
/// their spec names; a killed silo is detected within seconds (<see cref="ClusterTuning"/>).
/// </summary>
public static class SiloHost
{
    /// <summary>Creates the membership tables when missing, then builds and starts the silo (it has joined the cluster on return).</summary>
    /// <exception cref="Npgsql.NpgsqlException">PostgreSQL cannot be reached.</exception>
    public static async Task<IHost> StartAsync(string connectionString, int siloPort, int gatewayPort, int? dashboardPort, CancellationToken cancellation = default)
    {
        await OrleansMembership.EnsureTablesAsync(connectionString, cancellation).ConfigureAwait(false);
        var host = Build(connectionString, siloPort, gatewayPort, dashboardPort);
        try
        {
            await host.StartAsync(cancellation).ConfigureAwait(false);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return host;
    }

    /// <summary>Builds the silo host (started by the caller) on loopback at the given ports, with the dashboard when a port is given.</summary>
    public static IHost Build(string connectionString, int siloPort, int gatewayPort, int? dashboardPort)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        void Silo(ISiloBuilder silo)
        {
            silo.UseAdoNetClustering(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = connectionString;
            });
            silo.Configure<Orleans.Configuration.ClusterOptions>(o =>
            {
                o.ClusterId = ClusterSetup.ClusterId;
                o.ServiceId = ClusterSetup.ServiceId;
            });
            silo.ConfigureEndpoints(IPAddress.Loopback, siloPort, gatewayPort, listenOnAnyHostAddress: false);
            silo.ConfigureLemSilo().ConfigureLemFailover();
            if (dashboardPort is not null)
            {
                silo.AddDashboard();
            }
        }

        if (dashboardPort is { } port)
        {
            var web = WebApplication.CreateSlimBuilder();
            InProcessCluster.Quiet(web.Logging);
            web.WebHost.UseUrls($"http://127.0.0.1:{port}");
            web.UseOrleans(Silo);
            var app = web.Build();
            app.MapOrleansDashboard();
            return app;
        }

        var builder = Host.CreateApplicationBuilder(InProcessCluster.NoFileWatchers);
        InProcessCluster.Quiet(builder.Logging);
        builder.UseOrleans(Silo);
        return builder.Build();
    }
}
