using System.Diagnostics;
using Npgsql;

namespace Lem.Server.Store;

/// <summary>
/// The PostgreSQL store of one market of a cluster node (docs/cluster-server.md, "Connections and the schema lock"): the
/// same tables, batches and durability as <see cref="PostgresMarketStore"/>, in the market's own schema, but without a
/// connection of its own. Every load, verification and group commit borrows a connection from the node's shared, bounded
/// pool (<see cref="NpgsqlDataSource"/>) and gives it back, so an idle market holds no connection and a node needs at most
/// its pool size plus one lock session, whatever the number of markets. The schema's advisory lock is held by the node's
/// lock session (<see cref="PostgresSchemaLocks"/>); each commit's transaction first checks that this session still holds
/// it and rolls back (the store faults) when it does not, so a market whose lock was lost never writes next to a new
/// owner. The acknowledgement still follows the COMMIT, with <c>synchronous_commit</c> at least <c>on</c>.
/// </summary>
internal sealed class PooledPostgresMarketStore : IMarketStore
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(2);

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _schema;
    private readonly string _quotedSchema;
    private readonly PostgresSchemaLocks _locks;
    private readonly TimeSpan _retryFor;
    private readonly int _lockPid;
    private readonly long _lockKey;
    private readonly bool _forceSynchronousCommit;
    private bool _disposed;

    /// <summary>Takes the schema's lock on the node's lock session and checks the commit setting of the pool's sessions.</summary>
    /// <exception cref="IOException">Another server holds the schema.</exception>
    /// <exception cref="NpgsqlException">PostgreSQL cannot be reached.</exception>
    public PooledPostgresMarketStore(NpgsqlDataSource dataSource, string schema, PostgresSchemaLocks locks, TimeSpan? retryFor = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentException.ThrowIfNullOrWhiteSpace(schema);
        ArgumentNullException.ThrowIfNull(locks);
        _dataSource = dataSource;
        _schema = schema;
        _quotedSchema = "\"" + schema.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        _locks = locks;
        _retryFor = retryFor ?? PostgresMarketStore.DefaultRetryFor;
        (_lockPid, _lockKey) = locks.Acquire(schema);
        try
        {
            using var connection = Open();
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "SHOW synchronous_commit";
            _forceSynchronousCommit = Convert.ToString(cmd.ExecuteScalar(), CultureInfo.InvariantCulture) == "off";
        }
        catch
        {
            locks.Release(schema, _lockPid);
            throw;
        }
    }

    /// <summary>How many times a group commit retried on a new pooled connection after losing one.</summary>
    public int Reconnects { get; private set; }

    /// <inheritdoc />
    public LoadedState Load()
    {
        using var connection = Open();
        MarketTables.Execute(connection, $"CREATE SCHEMA IF NOT EXISTS {_quotedSchema}");
        SetSearchPath(connection);
        MarketTables.Execute(connection, MarketTables.Schema("BIGINT", "BYTEA"));
        LedgerTable.CreateIfMissing(connection);
        return new LoadedState(MarketTables.ReadParticipants(connection), MarketTables.ReadCommands(connection), LedgerTable.ReadLast(connection));
    }

    /// <inheritdoc />
    public StoreVerification Verify(byte[] serverPublicKey, (long Sequence, string Hash)? expectedHead)
    {
        using var connection = Open();
        SetSearchPath(connection);
        return StoreVerifier.Verify(connection, serverPublicKey, LedgerSignatureCheck.HeadOnly, expectedHead, collectPositions: true);
    }

    /// <inheritdoc />
    /// <remarks>
    /// A lost connection is retried on a fresh pooled one (50 ms, doubling up to 2 s, for the retry budget); before writing
    /// again the batch is looked up (its last ledger record, or its first command), so a batch whose COMMIT reached the
    /// server before the connection broke is not written twice. A lost schema lock is not retried.
    /// </remarks>
    public void Commit(StoreBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var clock = Stopwatch.StartNew();
        var backoff = FirstBackoff;
        var retried = false;
        while (true)
        {
            try
            {
                using var connection = Open();
                if (retried && IsStoredHere(connection, batch))
                {
                    return;
                }

                Write(connection, batch);
                return;
            }
            catch (Exception ex) when (IsConnectionLoss(ex) && clock.Elapsed + backoff <= _retryFor)
            {
                retried = true;
                Reconnects++;
                Thread.Sleep(backoff);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _locks.Release(_schema, _lockPid);
    }

    /// <summary>
    /// One transaction: the schema and commit settings, the lock check and the rows in one round trip, then the ledger
    /// records, then COMMIT only when the lock is still held by the node's lock session.
    /// </summary>
    private void Write(NpgsqlConnection connection, StoreBatch batch)
    {
        using var tx = connection.BeginTransaction();
        using (var rows = connection.CreateBatch())
        {
            rows.Transaction = tx;
            rows.BatchCommands.Add(new NpgsqlBatchCommand($"SET LOCAL search_path TO {_quotedSchema}"));
            if (_forceSynchronousCommit)
            {
                rows.BatchCommands.Add(new NpgsqlBatchCommand("SET LOCAL synchronous_commit TO on"));
            }

            var check = new NpgsqlBatchCommand(LockHeldSql);
            check.Parameters.Add(new NpgsqlParameter { Value = _lockPid });
            check.Parameters.Add(new NpgsqlParameter { Value = _lockKey });
            rows.BatchCommands.Add(check);
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

            bool held;
            using (var reader = rows.ExecuteReader())
            {
                // SET statements return no rows; the first result set with a row is the lock check's.
                do
                {
                    if (reader.FieldCount == 1 && reader.Read())
                    {
                        break;
                    }
                }
                while (reader.NextResult());

                held = reader.GetBoolean(0);
                while (reader.NextResult())
                {
                    // Consume the inserts' results (and their errors).
                }
            }

            if (!held)
            {
                throw new InvalidDataException($"The schema lock of '{_schema}' is no longer held by this node's lock session (pid {_lockPid}); the store stops so that a new activation takes the lock again.");
            }
        }

        foreach (var e in batch.LedgerEntries)
        {
            LedgerTable.Insert(connection, tx, e);
        }

        tx.Commit();
    }

    /// <summary>True when the node's lock session ($1 = its pid) holds the advisory lock with the 64-bit key $2.</summary>
    private const string LockHeldSql = """
        SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid = $1 AND objsubid = 1
            AND classid = (($2::bigint >> 32) & 4294967295)::oid AND objid = ($2::bigint & 4294967295)::oid)
        """;

    /// <summary>Whether the batch is stored already (<see cref="PostgresMarketStore.IsStored"/>, in this market's schema).</summary>
    private bool IsStoredHere(NpgsqlConnection connection, StoreBatch batch)
    {
        SetSearchPath(connection);
        return PostgresMarketStore.IsStored(connection, batch);
    }

    /// <summary>A pooled connection (the pool resets the session when it is returned, so a session-level search path does not leak).</summary>
    private NpgsqlConnection Open()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _dataSource.OpenConnection();
    }

    private void SetSearchPath(NpgsqlConnection connection) => MarketTables.Execute(connection, $"SET search_path TO {_quotedSchema}");

    /// <summary>A broken or refused connection, a terminated session, a server starting or stopping, or too many connections.</summary>
    private static bool IsConnectionLoss(Exception ex) => ex switch
    {
        PostgresException p => p.SqlState.StartsWith("08", StringComparison.Ordinal) || p.SqlState.StartsWith("57P", StringComparison.Ordinal) || p.SqlState == "53300",
        NpgsqlException n => n.IsTransient,
        IOException or TimeoutException or System.Net.Sockets.SocketException => true,
        _ => false,
    };
}
