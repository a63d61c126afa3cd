using System.Net.Sockets;
using Lem.Server.Cluster;
using Npgsql;

namespace Lem.Cli.Commands;

/// <summary><c>lem serve --cluster CONNECTION [--dashboard]</c>: runs one node of a market cluster until Ctrl+C (docs/cluster-server.md).</summary>
internal static class ClusterServe
{
    /// <summary>Checks the cluster options, starts the node, prints where it listens and runs until stopped.</summary>
    public static async Task<int> RunAsync(CliContext context, ServeSettings settings, string[] urls, CancellationToken stop)
    {
        if (settings.Cluster is not { } cluster)
        {
            return ServeCommand.Fail(context, "--dashboard: applies only with --cluster (the Orleans dashboard of a cluster node).");
        }

        if (settings.Postgres is not null)
        {
            return ServeCommand.Fail(context, "--postgres: a cluster node keeps every market in the --cluster database; leave --postgres out.");
        }

        if (ServeCommand.PostgresProblem(cluster) is { } problem)
        {
            return ServeCommand.Fail(context, $"--cluster: {problem}");
        }

        ClusterNode node;
        try
        {
            node = await ClusterNode.StartAsync(new ClusterNodeOptions
            {
                ConnectionString = ServeCommand.WithPassword(cluster, settings.PostgresPassfile),
                DataDirectory = Path.GetFullPath(settings.DataDirectory),
                Urls = urls,
                OperatorKey = settings.OperatorKey,
                Dashboard = settings.Dashboard,
                MaxRequestBodyBytes = settings.MaxBodyBytes,
                RateLimitPerSecond = settings.RateLimitPerSecond,
                MaxOpenOrdersPerParticipant = settings.MaxOpenOrdersPerParticipant,
            }, stop).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or UnauthorizedAccessException)
        {
            return ServeCommand.Fail(context, $"cannot start the cluster node on {settings.Urls} with data folder {settings.DataDirectory}: {ex.Message}");
        }
        catch (NpgsqlException ex)
        {
            return ServeCommand.Fail(context, $"--cluster: cannot use the PostgreSQL database at {ServeCommand.PostgresTarget(cluster)}: {ex.Message}");
        }

        await using (node.ConfigureAwait(false))
        {
            Report(context, settings, node, cluster);
            try
            {
                await node.WaitForShutdownAsync(stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopped by the caller.
            }
        }

        return ExitCodes.Ok;
    }

    private static void Report(CliContext context, ServeSettings settings, ClusterNode node, string cluster)
    {
        var first = node.BaseAddresses.FirstOrDefault() ?? "";
        if (settings.Format == "json")
        {
            Json.Write(context.Out, w =>
            {
                w.WriteStartObject();
                w.WriteStartArray("listening");
                foreach (var a in node.BaseAddresses)
                {
                    w.WriteStringValue(a);
                }

                w.WriteEndArray();
                w.WriteString("data", Path.GetFullPath(settings.DataDirectory));
                w.WriteString("store", "postgresql");
                w.WriteString("cluster", ServeCommand.PostgresTarget(cluster));
                w.WriteString("silo", node.SiloAddress);
                if (settings.Dashboard)
                {
                    w.WriteString("dashboard", first + ClusterNodeOptions.DashboardPath);
                }

                w.WriteString("server_public_key", node.ServerPublicKeyBase64);
                if (node.GeneratedOperatorKey is { } key)
                {
                    w.WriteString("operator_key", key);
                }

                w.WriteEndObject();
            });
        }
        else
        {
            foreach (var a in node.BaseAddresses)
            {
                context.Out.WriteLine($"lem serve: cluster node listening on {a}");
            }

            context.Out.WriteLine($"cluster: PostgreSQL {ServeCommand.PostgresTarget(cluster)}, silo {node.SiloAddress}, keys in {Path.GetFullPath(settings.DataDirectory)}");
            if (settings.Dashboard)
            {
                context.Out.WriteLine($"Orleans dashboard: {first}{ClusterNodeOptions.DashboardPath}");
            }

            context.Out.WriteLine($"server public key (ledger signatures): {node.ServerPublicKeyBase64}");
            if (node.GeneratedOperatorKey is { } key)
            {
                context.Out.WriteLine($"operator key (shown once; also in {Path.Combine(settings.DataDirectory, Lem.Server.LemServer.OperatorKeyFileName)}): {key}");
            }

            context.Out.WriteLine("Press Ctrl+C to stop.");
        }

        context.Out.Flush();
    }
}
