using Lem.Cluster;
using Microsoft.Extensions.Hosting;

namespace Lem.Cli.Commands;

/// <summary>
/// <c>lem silo --cluster CONNECTION</c>: a silo process that joins a Lem cluster on loopback with PostgreSQL membership
/// (creating the membership tables when missing) and hosts agent grains until stopped (docs/cluster.md#running-silos);
/// <c>--dashboard PORT</c> serves the Orleans dashboard.
/// </summary>
internal static class SiloCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var cluster = new Option<string>("--cluster") { Description = "The PostgreSQL connection string of the cluster's membership (ADO.NET clustering; the tables are created when missing).", Required = true };
        var port = new Option<int>("--port") { Description = "The silo-to-silo port on 127.0.0.1.", DefaultValueFactory = _ => 11111 };
        var gateway = new Option<int>("--gateway-port") { Description = "The client gateway port on 127.0.0.1.", DefaultValueFactory = _ => 30000 };
        var dashboard = new Option<int?>("--dashboard") { Description = "Serve the Orleans dashboard on http://127.0.0.1:PORT/." };
        var command = new Command("silo", "Start a silo that joins a Lem cluster (PostgreSQL membership, loopback) and hosts agents as grains until stopped (docs/cluster.md).") { cluster, port, gateway, dashboard };
        command.SetAction(parse =>
        {
            var p = parse.GetValue(port);
            var g = parse.GetValue(gateway);
            var d = parse.GetValue(dashboard);
            if (p is < 1 or > 65535 || g is < 1 or > 65535 || d is < 1 or > 65535)
            {
                context.Error.WriteLine("lem: --port, --gateway-port and --dashboard must be between 1 and 65535.");
                return ExitCodes.Usage;
            }

            var connection = parse.GetValue(cluster)!;
            if (string.IsNullOrWhiteSpace(connection))
            {
                context.Error.WriteLine("lem: --cluster needs a PostgreSQL connection string.");
                return ExitCodes.Usage;
            }

            IHost host;
            try
            {
                host = SiloHost.StartAsync(connection, p, g, d).GetAwaiter().GetResult();
            }
            catch (Exception e) when (e is Npgsql.NpgsqlException or ArgumentException or System.Net.Sockets.SocketException or Orleans.Runtime.OrleansException or IOException)
            {
                context.Error.WriteLine($"lem: silo: cannot join the cluster: {e.Message}");
                return ExitCodes.InternalError;
            }

            using (host)
            {
                context.Out.WriteLine($"lem silo: joined cluster '{ClusterSetup.ClusterId}' on 127.0.0.1:{p} (gateway {g}){(d is { } dp ? $", dashboard http://127.0.0.1:{dp}/" : string.Empty)}; Ctrl+C stops it.");
                context.Out.Flush();
                host.WaitForShutdown();
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
