using Lem.Cli;
using Lem.Cli.Commands;
using Lem.Testing;
using Npgsql;

namespace Lem.Server.Tests;

/// <summary>
/// Where a fault test's server stores: a fresh data folder with SQLite in it, or a fresh PostgreSQL schema (the data folder
/// then holds only the keys). The PostgreSQL password is handed to <c>lem serve</c> through
/// <see cref="ServeCommand.PostgresPasswordVariable"/>, not on its command line, and its sessions carry an application
/// name of their own so a test can find and terminate exactly them.
/// </summary>
internal sealed class FaultStore : IDisposable
{
    private readonly TestPostgres? _postgres;
    private readonly string? _password;
    private string? _publicKey;

    private FaultStore(TestPostgres? postgres)
    {
        Directory = Path.Combine(Path.GetTempPath(), "lem-server-tests", "fault-" + Guid.NewGuid().ToString("N"));
        _postgres = postgres;
        if (postgres is not null)
        {
            ApplicationName = "lem-fault-" + Guid.NewGuid().ToString("N")[..12];
            var builder = new NpgsqlConnectionStringBuilder(postgres.ConnectionString);
            _password = builder.Password;
            builder.Password = null;
            builder.ApplicationName = ApplicationName;
            ServerConnectionString = builder.ConnectionString;
        }
    }

    /// <summary>The data folder.</summary>
    public string Directory { get; }

    /// <summary>Whether the store is PostgreSQL.</summary>
    public bool IsPostgres => _postgres is not null;

    /// <summary>The application name of the server's PostgreSQL sessions, or null on SQLite.</summary>
    public string? ApplicationName { get; }

    /// <summary>The connection string <c>lem serve</c> gets: without the password, with <see cref="ApplicationName"/>; null on SQLite.</summary>
    public string? ServerConnectionString { get; }

    /// <summary>The PostgreSQL schema, for direct reads by the test.</summary>
    public TestPostgres Postgres => _postgres ?? throw new InvalidOperationException("not a PostgreSQL store");

    /// <summary>SQLite in a fresh data folder.</summary>
    public static FaultStore Sqlite() => new(null);

    /// <summary>A fresh schema on the test PostgreSQL server (<see cref="TestPostgres"/>).</summary>
    public static FaultStore CreatePostgres() => new(TestPostgres.CreateSchema());

    /// <summary>The environment of the <c>lem</c> processes: the PostgreSQL password, or nothing.</summary>
    public IReadOnlyDictionary<string, string>? Environment => _password is null ? null : new Dictionary<string, string> { [ServeCommand.PostgresPasswordVariable] = _password };

    /// <summary>Starts <c>lem serve</c> on this store with further options.</summary>
    public async Task<FaultServerProcess> StartAsync(string operatorKey, params string[] options)
    {
        string[] all = ServerConnectionString is { } cs ? ["--postgres", cs, .. options] : options;
        var server = await FaultServerProcess.StartAsync(Directory, operatorKey, all, Environment);
        _publicKey ??= server.ServerPublicKey;
        Assert.Equal(_publicKey, server.ServerPublicKey);
        return server;
    }

    /// <summary>
    /// Runs <c>lem ledger verify</c> on the store (on PostgreSQL with the full connection string and the server's public
    /// key) in this process, which saves a process start per check.
    /// </summary>
    public Task<(int ExitCode, string Output)> VerifyLedgerAsync()
    {
        string[] arguments = _postgres is { } pg
            ? ["ledger", "verify", "--postgres", pg.ConnectionString, "--public-key", _publicKey ?? throw new InvalidOperationException("the server never started"), "--format", "json"]
            : ["ledger", "verify", "--data", Directory, "--format", "json"];
        return Task.Run(() =>
        {
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();
            var exit = LemApp.Run(arguments, stdout, stderr);
            return (exit, stdout + stderr.ToString());
        });
    }

    /// <summary>Terminates the server's PostgreSQL sessions (<c>pg_terminate_backend</c>, waiting for them to exit) and returns how many there were.</summary>
    public int TerminateServerSessions() => Postgres.TerminateSessions(ApplicationName ?? throw new InvalidOperationException("SQLite has no sessions to terminate."));

    /// <summary>Deletes the data folder and drops the schema.</summary>
    public void Dispose()
    {
        try
        {
            if (System.IO.Directory.Exists(Directory))
            {
                System.IO.Directory.Delete(Directory, true);
            }
        }
        catch (IOException)
        {
            // Best effort.
        }

        _postgres?.Dispose();
    }
}
