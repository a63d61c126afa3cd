using Lem.Server;
using Lem.Server.LoadTest;

namespace Lem.Cli.Commands;

/// <summary>
/// <c>lem loadtest</c>: drives a running market server with many concurrent participants and prints throughput and
/// latency percentiles; and <c>lem bench server</c>, the same against an in-process server on a temporary data folder.
/// </summary>
public static class LoadTestCommand
{
    /// <summary>Creates the <c>loadtest</c> command.</summary>
    public static Command Create(CliContext context)
    {
        var url = new Option<string>("--url") { Description = "The server's base address, e.g. http://127.0.0.1:8080; for a cluster, its nodes separated by ';' (participant k uses node k mod n).", Required = true };
        var markets = new Option<int>("--markets") { Description = "Spread the load over this many fresh markets (a cluster's markets are grains spread over its nodes; docs/cluster-server.md).", DefaultValueFactory = _ => 1 };
        var operatorKey = new Option<string>("--operator-key") { Description = "The operator's API key (creates the market and registers the participants).", Required = true };
        var creation = new Option<int>("--creation-concurrency") { Description = "Market creations in flight at once with --markets (spread over the nodes).", DefaultValueFactory = _ => 32 };
        var market = new Option<string?>("--market") { Description = "Trade in this existing continuous market instead of creating a fresh one." };
        var (participants, duration, connections, warmup) = LoadOptions(16, 10, 2);
        var format = CommonOptions.Format();
        var command = new Command("loadtest", "Load-test a running market server: register participants, submit a realistic order stream from many keep-alive clients, and print orders/s and latency percentiles.")
        {
            url, operatorKey, participants, duration, connections, warmup, market, markets, creation, format,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var uris = new List<Uri>();
            foreach (var address in parse.GetValue(url)!.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!Uri.TryCreate(address, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https"))
                {
                    context.Error.WriteLine($"lem loadtest: --url: '{address}' is not an address like http://127.0.0.1:8080.");
                    return Task.FromResult(ExitCodes.Usage);
                }

                uris.Add(parsed);
            }

            if (uris.Count == 0)
            {
                context.Error.WriteLine("lem loadtest: --url: give at least one address.");
                return Task.FromResult(ExitCodes.Usage);
            }

            if (parse.GetValue(markets) is < 1 or > LoadTestOptions.MaxMarkets)
            {
                context.Error.WriteLine($"lem loadtest: --markets: {parse.GetValue(markets)} must be between 1 and {LoadTestOptions.MaxMarkets}.");
                return Task.FromResult(ExitCodes.Usage);
            }

            if (parse.GetValue(creation) is < 1 or > 256)
            {
                context.Error.WriteLine($"lem loadtest: --creation-concurrency: {parse.GetValue(creation)} must be between 1 and 256.");
                return Task.FromResult(ExitCodes.Usage);
            }

            var uri = uris[0];

            if (Check(context, "lem loadtest", parse.GetValue(participants), parse.GetValue(duration), parse.GetValue(connections), parse.GetValue(warmup)) is { } usage)
            {
                return Task.FromResult(usage);
            }

            var options = new LoadTestOptions
            {
                BaseAddress = uri,
                OperatorKey = parse.GetValue(operatorKey)!,
                Participants = parse.GetValue(participants),
                ConnectionsPerParticipant = parse.GetValue(connections),
                Duration = TimeSpan.FromSeconds(parse.GetValue(duration)),
                Warmup = TimeSpan.FromSeconds(parse.GetValue(warmup)),
                MarketId = parse.GetValue(market),
                Markets = parse.GetValue(markets),
                CreationConcurrency = parse.GetValue(creation),
                OtherBaseAddresses = uris.Skip(1).ToList(),
            };
            return RunAsync(context, "lem loadtest", string.Join(';', uris.Select(u => u.ToString())), options, parse.GetValue(format)!, cancellationToken);
        });
        return command;
    }

    /// <summary>Creates <c>lem bench server</c>: an in-process server on a temporary data folder driven by the load generator.</summary>
    public static Command CreateBench(CliContext context)
    {
        var (participants, duration, connections, warmup) = LoadOptions(16, 5, 2);
        var format = CommonOptions.Format();
        var command = new Command("server", "The market server in process (SQLite, WAL, synchronous FULL, temporary data folder) under the load generator over loopback: orders/s and latency percentiles.")
        {
            participants, duration, connections, warmup, format,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (Check(context, "lem bench server", parse.GetValue(participants), parse.GetValue(duration), parse.GetValue(connections), parse.GetValue(warmup)) is { } usage)
            {
                return usage;
            }

            var dir = Path.Combine(Path.GetTempPath(), "lem-bench-server-" + Guid.NewGuid().ToString("N"));
            var key = "lem_bench_" + Guid.NewGuid().ToString("N");
            try
            {
                var server = await LemServer.StartAsync(new ServerOptions
                {
                    DataDirectory = dir,
                    Urls = ["http://127.0.0.1:0"],
                    OperatorKey = key,
                    RateLimitBurst = 1_000_000,
                    RateLimitPerSecond = 1_000_000,
                }, cancellationToken).ConfigureAwait(false);
                await using (server.ConfigureAwait(false))
                {
                    var address = server.BaseAddresses[0];
                    var options = new LoadTestOptions
                    {
                        BaseAddress = new Uri(address),
                        OperatorKey = key,
                        Participants = parse.GetValue(participants),
                        ConnectionsPerParticipant = parse.GetValue(connections),
                        Duration = TimeSpan.FromSeconds(parse.GetValue(duration)),
                        Warmup = TimeSpan.FromSeconds(parse.GetValue(warmup)),
                    };
                    return await RunAsync(context, "lem bench server", address, options, parse.GetValue(format)!, cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                TryDelete(dir);
            }
        });
        return command;
    }

    private static (Option<int> Participants, Option<int> Duration, Option<int> Connections, Option<int> Warmup) LoadOptions(int participants, int seconds, int warmupSeconds) =>
    (
        new Option<int>("--participants") { Description = "Participants to register; each has its own API key and connection pool.", DefaultValueFactory = _ => participants },
        new Option<int>("--duration") { Description = "Seconds of load.", DefaultValueFactory = _ => seconds },
        new Option<int>("--connections") { Description = "Keep-alive connections (closed-loop clients) per participant.", DefaultValueFactory = _ => 4 },
        new Option<int>("--warmup") { Description = "Seconds of load before the measurement starts (not counted).", DefaultValueFactory = _ => warmupSeconds }
    );

    private static int? Check(CliContext context, string name, int participants, int seconds, int connections, int warmupSeconds)
    {
        string? problem = null;
        if (participants is < 1 or > LoadTestOptions.MaxParticipants)
        {
            problem = $"--participants: {participants} must be between 1 and {LoadTestOptions.MaxParticipants}.";
        }
        else if (seconds is < 1 or > LoadTestOptions.MaxDurationSeconds)
        {
            problem = $"--duration: {seconds} must be between 1 and {LoadTestOptions.MaxDurationSeconds} seconds.";
        }
        else if (connections is < 1 or > LoadTestOptions.MaxConnectionsPerParticipant)
        {
            problem = $"--connections: {connections} must be between 1 and {LoadTestOptions.MaxConnectionsPerParticipant}.";
        }
        else if (warmupSeconds is < 0 or > LoadTestOptions.MaxDurationSeconds)
        {
            problem = $"--warmup: {warmupSeconds} must be between 0 and {LoadTestOptions.MaxDurationSeconds} seconds.";
        }

        if (problem is null)
        {
            return null;
        }

        context.Error.WriteLine($"{name}: {problem}");
        return ExitCodes.Usage;
    }

    private static async Task<int> RunAsync(CliContext context, string name, string address, LoadTestOptions options, string format, CancellationToken cancellationToken)
    {
        LoadTestResult result;
        try
        {
            result = await LoadGenerator.RunAsync(options, cancellationToken).ConfigureAwait(false);
        }
        catch (LoadTestException ex)
        {
            context.Error.WriteLine($"{name}: {ex.Message}");
            return ExitCodes.InvalidInput;
        }

        Print(context, address, result, format);
        var serverErrors = result.RejectedByStatus.Where(kv => kv.Key >= 500).Sum(kv => kv.Value);
        if (serverErrors > 0 || result.TransportErrors > 0)
        {
            context.Error.WriteLine($"{name}: warning: {serverErrors} server errors (5xx) and {result.TransportErrors} requests without an answer.");
        }

        if (result.AcceptedOrders == 0)
        {
            context.Error.WriteLine($"{name}: the server accepted no order.");
            return ExitCodes.InvalidInput;
        }

        return ExitCodes.Ok;
    }

    private static void Print(CliContext context, string address, LoadTestResult r, string format)
    {
        var l = r.Latency;
        var rejected = r.RejectedByStatus.Sum(kv => kv.Value);
        if (format == "json")
        {
            Json.Write(context.Out, new LoadTestJson(
                address,
                r.MarketId,
                r.Participants,
                r.Clients,
                Math.Round(r.ElapsedSeconds, 3),
                l.Count,
                r.AcceptedOrders,
                r.Cancels,
                rejected,
                r.RejectedByStatus,
                r.TransportErrors,
                r.Trades,
                Math.Round(r.OrdersPerSecond, 1),
                Math.Round(r.RequestsPerSecond, 1),
                Math.Round(l.MeanMs, 3),
                Math.Round(l.P50Ms, 3),
                Math.Round(l.P90Ms, 3),
                Math.Round(l.P99Ms, 3),
                Math.Round(l.P999Ms, 3),
                Math.Round(l.MaxMs, 3),
                r.MarketCount,
                Math.Round(r.MarketSetupSeconds, 3)));
            return;
        }

        var o = context.Out;
        var inv = CultureInfo.InvariantCulture;
        o.WriteLine(string.Create(inv, $"{address}: market {r.MarketId}, {r.Participants} participants, {r.Clients} clients, {r.ElapsedSeconds:0.00} s"));
        if (r.MarketCount > 1)
        {
            o.WriteLine(string.Create(inv, $"  markets           {r.MarketCount,12}   (created in {r.MarketSetupSeconds:0.0} s, {(r.MarketSetupSeconds > 0 ? (r.MarketCount - 1) / r.MarketSetupSeconds : 0):0.0} markets/s)"));
        }

        o.WriteLine(string.Create(inv, $"  accepted orders   {r.AcceptedOrders,12}   ({r.OrdersPerSecond:0} orders/s)"));
        o.WriteLine(string.Create(inv, $"  cancels           {r.Cancels,12}"));
        var byStatus = string.Join(", ", r.RejectedByStatus.Select(kv => string.Create(inv, $"{kv.Key}: {kv.Value}")));
        o.WriteLine(string.Create(inv, $"  rejected          {rejected,12}{(byStatus.Length > 0 ? $"   ({byStatus})" : string.Empty)}"));
        o.WriteLine(string.Create(inv, $"  transport errors  {r.TransportErrors,12}"));
        o.WriteLine(string.Create(inv, $"  trades            {r.Trades,12}"));
        o.WriteLine(string.Create(inv, $"  requests/s        {r.RequestsPerSecond,12:0}   (orders and cancels, {l.Count} answered)"));
        o.WriteLine(string.Create(inv, $"  latency ms        p50 {l.P50Ms:0.000}   p90 {l.P90Ms:0.000}   p99 {l.P99Ms:0.000}   p99.9 {l.P999Ms:0.000}   max {l.MaxMs:0.000}"));
        o.Flush();
    }

    private static void TryDelete(string dir)
    {
        try
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, true);
            }
        }
        catch (IOException)
        {
            // A temporary folder; best effort.
        }
        catch (UnauthorizedAccessException)
        {
            // A temporary folder; best effort.
        }
    }
}
