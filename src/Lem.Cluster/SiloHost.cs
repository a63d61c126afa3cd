using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using Orleans.Dashboard;

namespace Lem.Cluster;

/// <summary>
/// A silo process that joins a Lem cluster with ADO.NET membership in PostgreSQL (docs/cluster.md#running-silos): what
/// <c>lem silo --cluster CONNECTION</c> runs until stopped. The database must hold Orleans' PostgreSQL clustering
/// schema. Agents of runs started elsewhere are re-created from the scenario file their spec names.
/// </summary>
public static class SiloHost
{
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
            silo.ConfigureLemSilo();
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
