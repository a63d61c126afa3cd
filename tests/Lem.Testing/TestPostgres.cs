using Npgsql;

namespace Lem.Testing;

/// <summary>
/// A fresh, uniquely named schema or database on the test PostgreSQL server for one test, dropped again by
/// <see cref="Dispose"/>. The server comes from <c>LEM_TEST_POSTGRES_CS</c> (set by <c>scripts/test.sh</c>, or
/// <c>eval "$(scripts/postgres.sh env)"</c>); its role needs <c>CREATEDB</c> for <see cref="CreateDatabase"/>.
/// Use it from a <see cref="PostgresFactAttribute"/> test.
/// </summary>
public sealed class TestPostgres : IDisposable
{
    /// <summary>The environment variable that holds the server's connection string (Npgsql form).</summary>
    public const string ConnectionStringVariable = "LEM_TEST_POSTGRES_CS";

    private readonly bool isDatabase;
    private bool disposed;

    private TestPostgres(string name, bool isDatabase, string connectionString)
    {
        Name = name;
        this.isDatabase = isDatabase;
        ConnectionString = connectionString;
    }

    /// <summary>True when <c>LEM_TEST_POSTGRES_CS</c> is set.</summary>
    public static bool IsConfigured => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(ConnectionStringVariable));

    /// <summary>True in a CI run (<c>CI=true</c> or <c>CI=1</c>), where PostgreSQL tests must run and never be skipped.</summary>
    public static bool IsCi
    {
        get
        {
            var ci = Environment.GetEnvironmentVariable("CI");
            return string.Equals(ci, "true", StringComparison.OrdinalIgnoreCase) || ci == "1";
        }
    }

    /// <summary>The server's connection string from <c>LEM_TEST_POSTGRES_CS</c>.</summary>
    /// <exception cref="InvalidOperationException">The variable is not set (in CI this fails the test).</exception>
    public static string ServerConnectionString
    {
        get
        {
            var cs = Environment.GetEnvironmentVariable(ConnectionStringVariable);
            if (string.IsNullOrWhiteSpace(cs))
            {
                throw new InvalidOperationException(
                    $"{ConnectionStringVariable} is not set, so there is no PostgreSQL server for this test. " +
                    (IsCi ? "CI must run the PostgreSQL tests: run them through ./scripts/test.sh, which starts scripts/postgres.sh." : "Run scripts/postgres.sh start and eval \"$(scripts/postgres.sh env)\"."));
            }

            return cs;
        }
    }

    /// <summary>The schema's or database's name, <c>lem_t_</c> and 24 random hex digits.</summary>
    public string Name { get; }

    /// <summary>
    /// The connection string for this test: the server's, with <c>Search Path</c> set to the schema, or with
    /// <c>Database</c> set to the database.
    /// </summary>
    public string ConnectionString { get; }

    /// <summary>Creates a fresh schema in the server's database; connections through <see cref="ConnectionString"/> use it as their search path.</summary>
    public static TestPostgres CreateSchema()
    {
        var server = ServerConnectionString;
        var name = NewName();
        Execute(server, $"CREATE SCHEMA {name}");
        var builder = new NpgsqlConnectionStringBuilder(server) { SearchPath = name };
        return new TestPostgres(name, isDatabase: false, builder.ConnectionString);
    }

    /// <summary>Creates a fresh database owned by the server role; for code that manages schemas itself.</summary>
    public static TestPostgres CreateDatabase()
    {
        var server = ServerConnectionString;
        var name = NewName();
        Execute(server, $"CREATE DATABASE {name}");
        var builder = new NpgsqlConnectionStringBuilder(server) { Database = name };
        return new TestPostgres(name, isDatabase: true, builder.ConnectionString);
    }

    /// <summary>Opens a new connection to the schema or database.</summary>
    public NpgsqlConnection Open()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    /// <summary>
    /// Terminates the sessions with this application name and returns how many there were. Each call waits (up to 10 s)
    /// until the backend has exited, so its advisory locks are released when this returns: <c>pg_terminate_backend</c>
    /// without a timeout only sends the signal, and a check right after it could still see the session's locks.
    /// </summary>
    public int TerminateSessions(string applicationName)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FILTER (WHERE pg_terminate_backend(pid, 10000)) FROM pg_stat_activity WHERE application_name = $1";
        command.Parameters.Add(new NpgsqlParameter { Value = applicationName });
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Drops the schema (with everything in it) or the database (closing its connections first).</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        using (var pooled = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        Execute(ServerConnectionString, isDatabase ? $"DROP DATABASE IF EXISTS {Name} WITH (FORCE)" : $"DROP SCHEMA IF EXISTS {Name} CASCADE");
    }

    private static string NewName() => "lem_t_" + Guid.NewGuid().ToString("N")[..24];

    private static void Execute(string connectionString, string sql)
    {
        // Unpooled: the server-level connection is short-lived and must not hold the dropped database open.
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        using var connection = new NpgsqlConnection(builder.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
