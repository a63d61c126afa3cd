using Npgsql;

namespace Lem.Server.Store;

/// <summary>
/// The schema locks of one cluster node (docs/cluster-server.md, "Connections and the schema lock"): one dedicated,
/// unpooled PostgreSQL session per node holds the session advisory lock of every market schema whose store is open on the
/// node, with the same key as <c>lem serve --postgres</c> (<c>hashtext('lem serve ' || schema)</c>), so a cluster node and
/// a single server exclude each other too. The markets' commits run on pooled connections and check, inside their
/// transaction, that this session (by its backend pid) still holds their lock (<see cref="PooledPostgresMarketStore"/>).
/// When the node dies its session ends and PostgreSQL releases every lock it held; when the session is lost while the node
/// lives, every open market's next commit finds its lock gone and faults, and the next activation takes the lock on a new
/// session.
/// </summary>
internal sealed class PostgresSchemaLocks : IDisposable
{
    private readonly string _connectionString;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, long> _held = new(StringComparer.Ordinal);
    private NpgsqlConnection? _connection;
    private int _sessionPid;
    private bool _disposed;

    /// <summary>
    /// Prepares the lock session for the database of <paramref name="connectionString"/> (unpooled; application name
    /// <c>lem serve --cluster (schema locks)</c> unless one is set); it connects on first use.
    /// </summary>
    public PostgresSchemaLocks(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = "lem serve --cluster (schema locks)";
        }

        _connectionString = builder.ConnectionString;
    }

    /// <summary>The schemas whose lock this node holds.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _held.Count;
            }
        }
    }

    /// <summary>
    /// Takes the schema's advisory lock on the node's lock session and returns that session's backend pid and the lock key.
    /// </summary>
    /// <exception cref="IOException">Another session (another node, or a <c>lem serve --postgres</c>) holds it, or this node has the schema open already.</exception>
    /// <exception cref="NpgsqlException">PostgreSQL cannot be reached.</exception>
    public (int Pid, long Key) Acquire(string schema)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(schema);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_held.ContainsKey(schema))
            {
                throw new IOException($"another lem serve already uses the schema '{schema}' (a store of this node has it open).");
            }

            // A session that PostgreSQL ended shows only when used: then one retry on a new session (the old one's locks are gone).
            for (var attempt = 0; ; attempt++)
            {
                var connection = Session();
                try
                {
                    using var cmd = connection.CreateCommand();
                    cmd.CommandText = "SELECT pg_try_advisory_lock(hashtext('lem serve ' || $1)::bigint), hashtext('lem serve ' || $1)::bigint, current_database()";
                    cmd.Parameters.Add(new NpgsqlParameter { Value = schema });
                    using var r = cmd.ExecuteReader();
                    r.Read();
                    if (!r.GetBoolean(0))
                    {
                        throw new IOException($"another lem serve already uses the schema '{schema}' of the database '{r.GetString(2)}'.");
                    }

                    _held[schema] = r.GetInt64(1);
                    return (_sessionPid, _held[schema]);
                }
                catch (Exception e) when (attempt == 0 && e is NpgsqlException or InvalidOperationException && connection.FullState != System.Data.ConnectionState.Open)
                {
                    DropSession();
                }
            }
        }
    }

    /// <summary>
    /// Releases the schema's lock taken by the lock session <paramref name="pid"/> (nothing when that session is gone, taking
    /// its locks with it: a lock the schema got since on a newer session is left alone).
    /// </summary>
    public void Release(string schema, int pid)
    {
        lock (_gate)
        {
            if (_connection is not { } connection || _sessionPid != pid || !_held.Remove(schema, out var key))
            {
                return;
            }

            try
            {
                using var cmd = connection.CreateCommand();
                cmd.CommandText = "SELECT pg_advisory_unlock($1)";
                cmd.Parameters.Add(new NpgsqlParameter { Value = key });
                cmd.ExecuteNonQuery();
            }
            catch (Exception e) when (e is NpgsqlException or IOException or InvalidOperationException)
            {
                // The session is broken: PostgreSQL released its locks with it. The next Acquire opens a new one.
                DropSession();
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _held.Clear();
            DropSession();
        }
    }

    /// <summary>The open lock session; a broken one is replaced (its locks are gone: the stores that relied on them fault at their next commit).</summary>
    private NpgsqlConnection Session()
    {
        if (_connection is { FullState: System.Data.ConnectionState.Open } open)
        {
            return open;
        }

        DropSession();
        _held.Clear();
        var connection = new NpgsqlConnection(_connectionString);
        try
        {
            connection.Open();
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        _connection = connection;
        _sessionPid = connection.ProcessID;
        return connection;
    }

    private void DropSession()
    {
        _connection?.Dispose();
        _connection = null;
        _sessionPid = 0;
    }
}
