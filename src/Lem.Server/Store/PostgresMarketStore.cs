using System.Globalization;
using Lem.Ledger;
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
/// </summary>
internal sealed class PostgresMarketStore : IMarketStore
{
    private readonly NpgsqlConnection _connection;

    /// <summary>Connects to the database of <paramref name="connectionString"/> (Npgsql form, e.g. <c>Host=...;Database=...;Username=...</c>).</summary>
    /// <exception cref="ArgumentException">The connection string is malformed.</exception>
    /// <exception cref="NpgsqlException">The server cannot be reached or refuses the login.</exception>
    /// <exception cref="IOException">Another server holds the schema.</exception>
    public PostgresMarketStore(string connectionString)
    {
        _connection = new NpgsqlConnection(ConnectionString(connectionString));
        try
        {
            _connection.Open();
            using (var cmd = _connection.CreateCommand())
            {
                cmd.CommandText = "SELECT pg_try_advisory_lock(hashtext('lem serve ' || coalesce(current_schema(), ''))), current_database(), coalesce(current_schema(), '')";
                using var r = cmd.ExecuteReader();
                r.Read();
                if (!r.GetBoolean(0))
                {
                    throw new IOException($"another lem serve already uses the schema '{r.GetString(2)}' of the database '{r.GetString(1)}'.");
                }
            }

            if (SynchronousCommit() == "off")
            {
                MarketTables.Execute(_connection, "SET synchronous_commit = on");
            }
        }
        catch
        {
            _connection.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public LoadedState Load()
    {
        MarketTables.Execute(_connection, MarketTables.Schema("BIGINT", "BYTEA"));
        LedgerTable.CreateIfMissing(_connection);
        return new LoadedState(MarketTables.ReadParticipants(_connection), MarketTables.ReadCommands(_connection), LedgerTable.ReadLast(_connection));
    }

    /// <inheritdoc />
    public void Commit(StoreBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
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
    internal string SynchronousCommit()
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = "SHOW synchronous_commit";
        return Convert.ToString(cmd.ExecuteScalar(), CultureInfo.InvariantCulture) ?? string.Empty;
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
