using System.Net.Sockets;
using Lem.Server;
using Npgsql;

namespace Lem.Cli.Commands;

/// <summary><c>lem serve</c>: runs the market server (HTTP API, durable SQLite or PostgreSQL store, gate closures) until Ctrl+C.</summary>
public static class ServeCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var data = new Option<string>("--data") { Description = "The data folder: database lem.db (unless --postgres), the server's signing key and the generated operator key.", DefaultValueFactory = _ => "lem-data" };
        var postgres = new Option<string?>("--postgres") { Description = "Store in PostgreSQL instead of SQLite: a connection string (Npgsql form, e.g. \"Host=...;Database=...;Username=...\"); the data folder then holds only the keys. Leave the password out of it (the process list shows it): without Password= it comes from the environment variable " + PostgresPasswordVariable + ", else PGPASSWORD, else a pgpass file (--postgres-passfile, PGPASSFILE or ~/.pgpass). A lost connection is re-established and the group commit retried for up to 30 s." };
        var postgresPassfile = new Option<string?>("--postgres-passfile") { Description = "A pgpass file (lines host:port:database:username:password, readable only by you) for the --postgres password instead of PGPASSFILE or ~/.pgpass." };
        var urls = new Option<string>("--urls") { Description = "Where to listen, separated by ';' (loopback only by default; port 0 picks a free port).", DefaultValueFactory = _ => "http://127.0.0.1:8080" };
        var operatorKey = new Option<string?>("--operator-key") { Description = "The operator's API key; by default one is generated into the data folder and printed once." };
        var rateLimit = new Option<int>("--rate-limit") { Description = "Requests per second per caller: per operator, participant or DSO key, per client IP address for requests without a valid key (token bucket of the same size; 429 with Retry-After; see docs/server-limits.md).", DefaultValueFactory = _ => 20_000 };
        var maxBody = new Option<long>("--max-body-bytes") { Description = "The largest request body in bytes.", DefaultValueFactory = _ => 64 * 1024 };
        var maxOpenOrders = new Option<int>("--max-open-orders") { Description = "The default cap on one participant's open orders per market and slot (continuous and call-auction markets; a market's max_open_orders_per_participant overrides it; see docs/order-book.md).", DefaultValueFactory = _ => ServerOptions.DefaultMaxOpenOrdersPerParticipant };
        var cluster = new Option<string?>("--cluster") { Description = "Run as a node of a market cluster: a PostgreSQL connection string (Npgsql form) holding the Orleans membership tables (created when missing) and one store schema per market; every market is a grain active on one node, a request to any node reaches it, and a dead node's markets come back on the others from the store (docs/cluster-server.md). The data folder holds the shared keys." };
        var dashboard = new Option<bool>("--dashboard") { Description = "With --cluster: serve the Orleans dashboard at /orleans on this node." };
        var format = CommonOptions.Format();
        var command = new Command("serve", "Run the market server: markets, participants and orders over HTTP, continuous trading and call auctions with gate closures, a durable store and a signed ledger.")
        {
            data, postgres, postgresPassfile, urls, operatorKey, rateLimit, maxBody, maxOpenOrders, cluster, dashboard, format,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(context, new ServeSettings(parse.GetValue(data)!, parse.GetValue(urls)!, parse.GetValue(operatorKey),
            parse.GetValue(rateLimit), parse.GetValue(maxBody), parse.GetValue(format)!, parse.GetValue(postgres), parse.GetValue(postgresPassfile),
            parse.GetValue(maxOpenOrders), parse.GetValue(cluster), parse.GetValue(dashboard)), cancellationToken));
        return command;
    }

    /// <summary>The environment variable with the PostgreSQL password, used when the <c>--postgres</c> connection string has none.</summary>
    public const string PostgresPasswordVariable = "LEM_POSTGRES_PASSWORD";

    /// <summary>Starts the server, prints where it listens, and runs until the host shuts down or <paramref name="stop"/> fires.</summary>
    public static async Task<int> RunAsync(CliContext context, ServeSettings settings, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        var urls = settings.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var url in urls)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.AbsolutePath != "/")
            {
                return Fail(context, $"--urls: '{url}' is not a listen address like http://127.0.0.1:8080.");
            }
        }

        if (urls.Length == 0)
        {
            return Fail(context, "--urls: give at least one listen address.");
        }

        if (settings.RateLimitPerSecond < 1)
        {
            return Fail(context, $"--rate-limit: {settings.RateLimitPerSecond} must be at least 1.");
        }

        if (settings.MaxBodyBytes < 1024)
        {
            return Fail(context, $"--max-body-bytes: {settings.MaxBodyBytes} must be at least 1024.");
        }

        if (settings.MaxOpenOrdersPerParticipant is < 1 or > 1_000_000)
        {
            return Fail(context, $"--max-open-orders: {settings.MaxOpenOrdersPerParticipant} must be between 1 and 1000000.");
        }

        if (settings.OperatorKey is { } k && k.Trim().Length < 16)
        {
            return Fail(context, "--operator-key: use at least 16 characters.");
        }

        if (settings.Postgres is { } cs && PostgresProblem(cs) is { } problem)
        {
            return Fail(context, $"--postgres: {problem}");
        }

        if (settings.PostgresPassfile is { } passfile)
        {
            if (settings.Postgres is null)
            {
                return Fail(context, "--postgres-passfile: applies only with --postgres.");
            }

            if (!File.Exists(passfile))
            {
                return Fail(context, $"--postgres-passfile: the file '{passfile}' does not exist.");
            }
        }

        if (settings.Cluster is not null || settings.Dashboard)
        {
            return await ClusterServe.RunAsync(context, settings, urls, stop).ConfigureAwait(false);
        }

        LemServer server;
        try
        {
            server = await LemServer.StartAsync(new ServerOptions
            {
                DataDirectory = Path.GetFullPath(settings.DataDirectory),
                PostgresConnectionString = settings.Postgres is { } connection ? WithPassword(connection, settings.PostgresPassfile) : null,
                Urls = urls,
                OperatorKey = settings.OperatorKey,
                RateLimitBurst = settings.RateLimitPerSecond,
                RateLimitPerSecond = settings.RateLimitPerSecond,
                MaxRequestBodyBytes = settings.MaxBodyBytes,
                MaxOpenOrdersPerParticipant = settings.MaxOpenOrdersPerParticipant,
            }, stop).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or UnauthorizedAccessException)
        {
            return Fail(context, $"cannot start the server on {settings.Urls} with data folder {settings.DataDirectory}: {ex.Message}");
        }
        catch (NpgsqlException ex)
        {
            return Fail(context, $"--postgres: cannot use the PostgreSQL database at {PostgresTarget(settings.Postgres!)}: {ex.Message}");
        }

        await using (server.ConfigureAwait(false))
        {
            Report(context, settings, server);
            try
            {
                await server.WaitForShutdownAsync(stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopped by the caller.
            }
        }

        return ExitCodes.Ok;
    }

    private static void Report(CliContext context, ServeSettings settings, LemServer server)
    {
        if (settings.Format == "json")
        {
            Json.Write(context.Out, w =>
            {
                w.WriteStartObject();
                w.WriteStartArray("listening");
                foreach (var a in server.BaseAddresses)
                {
                    w.WriteStringValue(a);
                }

                w.WriteEndArray();
                w.WriteString("data", Path.GetFullPath(settings.DataDirectory));
                w.WriteString("store", settings.Postgres is null ? "sqlite" : "postgresql");
                if (settings.Postgres is { } cs)
                {
                    w.WriteString("postgres", PostgresTarget(cs));
                }

                w.WriteString("openapi", server.BaseAddresses.FirstOrDefault() + "/openapi/v1.json");
                w.WriteNumber("replayed_commands", server.ReplayedCommands);
                w.WriteString("server_public_key", server.ServerPublicKeyBase64);
                if (server.GeneratedOperatorKey is { } key)
                {
                    w.WriteString("operator_key", key);
                }

                w.WriteEndObject();
            });
        }
        else
        {
            foreach (var a in server.BaseAddresses)
            {
                context.Out.WriteLine($"lem serve: listening on {a}");
            }

            context.Out.WriteLine(settings.Postgres is { } cs
                ? $"store: PostgreSQL {PostgresTarget(cs)}, keys in {Path.GetFullPath(settings.DataDirectory)} ({server.ReplayedCommands} stored commands replayed)"
                : $"data folder: {Path.GetFullPath(settings.DataDirectory)} ({server.ReplayedCommands} stored commands replayed)");
            context.Out.WriteLine($"OpenAPI: {server.BaseAddresses.FirstOrDefault()}/openapi/v1.json");
            context.Out.WriteLine($"server public key (ledger signatures): {server.ServerPublicKeyBase64}");
            if (server.GeneratedOperatorKey is { } key)
            {
                context.Out.WriteLine($"operator key (shown once; also in {Path.Combine(settings.DataDirectory, LemServer.OperatorKeyFileName)}): {key}");
            }

            context.Out.WriteLine("Press Ctrl+C to stop.");
        }

        context.Out.Flush();
    }

    /// <summary>Why a connection string is unusable, or null when it parses and names a host.</summary>
    internal static string? PostgresProblem(string connectionString)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            return string.IsNullOrWhiteSpace(builder.Host) ? "the connection string names no Host (like \"Host=127.0.0.1;Database=lem;Username=lem;Password=...\")." : null;
        }
        catch (ArgumentException ex)
        {
            return $"not a valid connection string: {ex.Message}";
        }
    }

    /// <summary>
    /// The connection string with the password sources that are not on the command line: with no <c>Password</c> in it,
    /// <see cref="PostgresPasswordVariable"/> when set; the pgpass file of <c>--postgres-passfile</c> as its
    /// <c>Passfile</c>. Npgsql itself falls back to <c>PGPASSWORD</c> and then the pgpass file (<c>Passfile</c>,
    /// <c>PGPASSFILE</c>, <c>~/.pgpass</c>).
    /// </summary>
    internal static string WithPassword(string connectionString, string? passfile)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.Password) && Environment.GetEnvironmentVariable(PostgresPasswordVariable) is { Length: > 0 } password)
        {
            builder.Password = password;
        }

        if (passfile is not null)
        {
            builder.Passfile = Path.GetFullPath(passfile);
        }

        return builder.ConnectionString;
    }

    /// <summary>Where a connection string points, without the password: <c>user@host:port/database</c>.</summary>
    internal static string PostgresTarget(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{b.Username}@{b.Host}:{b.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}/{b.Database}";
    }

    internal static int Fail(CliContext context, string message)
    {
        context.Error.WriteLine($"lem serve: {message}");
        return ExitCodes.InvalidInput;
    }
}
