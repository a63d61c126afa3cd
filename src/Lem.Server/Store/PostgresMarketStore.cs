using System.Data;
using System.Diagnostics;
using Npgsql;

namespace Lem.Server.Store;

/// <summary>
/// The store for larger deployments: a PostgreSQL database (<c>lem serve --postgres CONNECTION</c>) with the same tables
/// and semantics as <see cref="SqliteMarketStore"/> (<see cref="MarketTables"/>, ledger rows through
/// <see cref="LedgerTable"/>). One unpooled connection owned by the sequencer; each batch is one transaction whose rows go
/// to the server in one round trip (an <see cref="NpgsqlBatch"/>). Durable before acknowledgement: the commit waits for
/// the WAL flush, PostgreSQL's default <c>synchronous_commit = on</c>; a session where the server or role configured
/// <c>off</c> is switched back to <c>on</c> (the stronger settings <c>remote_write</c>, <c>remote_apply</c> and
/// <c>local</c>, which also wait for the local flush, are kept). The tables live in the first schema of the connection's
/// search path (<c>Search Path=...</c> in the connection string); a session advisory lock on that schema keeps a second
/// server from writing into it at the same time (it is released when the connection closes, also when the process dies).
/// A lost connection (the session terminated, PostgreSQL restarted, the network cut) does not stop the server: the group
/// commit reconnects, takes the lock again and retries the batch, with exponential backoff for a bounded time
/// (<c>docs/postgres.md</c>). The retry is idempotent: holding the lock again means the old session is gone,
/// so its transaction either committed or rolled back; a batch whose last ledger record is already stored (same
/// sequence number and hash; the ledger's primary key) was committed and is not written twice.
/// </summary>
internal sealed class PostgresMarketStore : IMarketStore
{
    /// <summary>How long a group commit keeps reconnecting and retrying by default before the store faults.</summary>
    public static readonly TimeSpan DefaultRetryFor = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(2);

    private readonly string _connectionString;
    private readonly TimeSpan _retryFor;
    private NpgsqlConnection _connection;
    private bool _reconnect;

    /// <summary>Connects to the database of <paramref name="connectionString"/> (Npgsql form, e.g. <c>Host=...;Database=...;Username=...</c>).</summary>
    /// <exception cref="ArgumentException">The connection string is malformed.</exception>
    /// <exception cref="NpgsqlException">The server cannot be reached or refuses the login.</exception>
    /// <exception cref="IOException">Another server holds the schema.</exception>
    public PostgresMarketStore(string connectionString)
        : this(connectionString, DefaultRetryFor)
    {
    }

    /// <summary>Connects like <see cref="PostgresMarketStore(string)"/>; a group commit that loses the connection retries for up to <paramref name="retryFor"/>.</summary>
    internal PostgresMarketStore(string connectionString, TimeSpan retryFor)
    {
        _connectionString = ConnectionString(connectionString);
        _retryFor = retryFor;
        _connection = Connect(_connectionString);
    }

    /// <summary>How many times a group commit reconnected after losing the connection.</summary>
    public int Reconnects { get; private set; }

    /// <summary>How many retried batches turned out to be stored already (the connection was lost after the commit).</summary>
    public int AlreadyCommitted { get; private set; }

    /// <inheritdoc />
    public LoadedState Load()
    {
        MarketTables.Execute(_connection, MarketTables.Schema("BIGINT", "BYTEA"));
        LedgerTable.CreateIfMissing(_connection);
        return new LoadedState(MarketTables.ReadParticipants(_connection), MarketTables.ReadCommands(_connection), LedgerTable.ReadLast(_connection));
    }

    /// <inheritdoc />
    /// <remarks>
    /// On a lost connection: waits (50 ms, doubling up to 2 s), reconnects (<see cref="Connect"/>: login, schema lock,
    /// <c>synchronous_commit</c>), skips the batch when it is already stored (<see cref="IsStored(NpgsqlConnection, StoreBatch)"/>) and otherwise writes it
    /// again; after <c>retryFor</c> the last error is thrown and the sequencer faults. Other errors are thrown at once.
    /// </remarks>
    public void Commit(StoreBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var clock = Stopwatch.StartNew();
        var backoff = FirstBackoff;
        while (true)
        {
            try
            {
                if (_reconnect)
                {
                    // The old session goes first: while it lives it holds the schema lock the new one must take.
                    _connection.Dispose();
                    _connection = Connect(_connectionString);
                    _reconnect = false;
                    Reconnects++;
                    if (IsStored(_connection, batch))
                    {
                        AlreadyCommitted++;
                        return;
                    }
                }

                Write(batch);
                return;
            }
            catch (Exception ex) when (IsConnectionLoss(ex) && clock.Elapsed + backoff <= _retryFor)
            {
                _reconnect = true;
                Thread.Sleep(backoff);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }

    /// <summary>Writes the batch in one transaction on the current connection.</summary>
    private void Write(StoreBatch batch)
    {
        using var tx = _connection.BeginTransaction();
        using (var rows = _connection.CreateBatch())
        {
            rows.Transaction = tx;
            foreach (var table in MarketTables.Rows(batch))
            {
                foreach (var values in table.Rows)
                {
                    var command = new NpgsqlBatchCommand(table.Sql);
                    foreach (var v in values)
                    {
                        command.Parameters.Add(new NpgsqlParameter { Value = v ?? DBNull.Value });
                    }

                    rows.BatchCommands.Add(command);
                }
            }

            if (rows.BatchCommands.Count > 0)
            {
                rows.ExecuteNonQuery();
            }
        }

        foreach (var e in batch.LedgerEntries)
        {
            LedgerTable.Insert(_connection, tx, e);
        }

        tx.Commit();
    }

    /// <inheritdoc />
    public StoreVerification Verify(byte[] serverPublicKey, (long Sequence, string Hash)? expectedHead) =>
        StoreVerifier.Verify(_connection, serverPublicKey, LedgerSignatureCheck.HeadOnly, expectedHead, collectPositions: true);

    /// <inheritdoc />
    public void Dispose() => _connection.Dispose();

    /// <summary>The session's <c>synchronous_commit</c> setting (what the server, database and role configured).</summary>
    internal string SynchronousCommit() => SynchronousCommit(_connection);

    private static string SynchronousCommit(NpgsqlConnection connection)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SHOW synchronous_commit";
        return Convert.ToString(cmd.ExecuteScalar(), CultureInfo.InvariantCulture) ?? string.Empty;
    }

    /// <summary>
    /// Opens a connection, takes the schema's advisory lock (<see cref="IOException"/> when another session holds it) and
    /// makes commits wait for the WAL flush.
    /// </summary>
    private static NpgsqlConnection Connect(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            connection.Open();
            using (var cmd = connection.CreateCommand())
            {
                cmd.CommandText = "SELECT pg_try_advisory_lock(hashtext('lem serve ' || coalesce(current_schema(), ''))), current_database(), coalesce(current_schema(), '')";
                using var r = cmd.ExecuteReader();
                r.Read();
                if (!r.GetBoolean(0))
                {
                    throw new IOException($"another lem serve already uses the schema '{r.GetString(2)}' of the database '{r.GetString(1)}'.");
                }
            }

            if (SynchronousCommit(connection) == "off")
            {
                MarketTables.Execute(connection, "SET synchronous_commit = on");
            }

            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Whether the batch is already stored: its last ledger entry's sequence number holds the same hash (with no ledger
    /// entry: its first command's sequence number is in the command log). Another record under that number means another
    /// writer changed the store: <see cref="InvalidDataException"/>, which faults the server.
    /// </summary>
    /// <remarks>Shared with <see cref="PooledPostgresMarketStore"/>: <paramref name="connection"/>'s search path must name the market's schema.</remarks>
    internal static bool IsStored(NpgsqlConnection connection, StoreBatch batch)
    {
        if (batch.LedgerEntries.Count > 0)
        {
            var last = batch.LedgerEntries[^1];
            var stored = LedgerTable.ReadRange(connection, last.Sequence, last.Sequence);
            if (stored.Count == 0)
            {
                return false;
            }

            return stored[0].Hash == last.Hash
                ? true
                : throw new InvalidDataException($"The ledger record {last.Sequence} of the batch being retried is already stored with another hash; another writer changed the store.");
        }

        if (batch.Commands.Count == 0)
        {
            return false;
        }

        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM commands WHERE seq = $1";
        cmd.Parameters.Add(new NpgsqlParameter { Value = batch.Commands[0].Sequence });
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>
    /// Whether a commit failed because the connection is gone or the server cannot take it now (a broken or closed
    /// connection, a network or timeout error, a terminated session or a server shutting down or starting up, or the
    /// schema lock still held by the old session), so that reconnecting and retrying can succeed.
    /// </summary>
    private bool IsConnectionLoss(Exception ex) => ex switch
    {
        PostgresException p => p.SqlState.StartsWith("08", StringComparison.Ordinal) || p.SqlState.StartsWith("57P", StringComparison.Ordinal)
            || p.SqlState == "53300" || !IsOpen,
        NpgsqlException n => n.IsTransient || !IsOpen,
        IOException or TimeoutException or System.Net.Sockets.SocketException => true,
        InvalidOperationException or ObjectDisposedException => !IsOpen,
        _ => false,
    };

    private bool IsOpen
    {
        get
        {
            try
            {
                return _connection.FullState == ConnectionState.Open;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }

    /// <summary>
    /// The connection string as given, without pooling (the store holds its one connection for the server's lifetime and
    /// closes it on dispose) and with the application name <c>lem serve</c> unless one is set.
    /// </summary>
    private static string ConnectionString(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = "lem serve";
        }

        return builder.ConnectionString;
    }
}
