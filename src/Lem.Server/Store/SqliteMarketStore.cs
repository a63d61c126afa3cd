using Microsoft.Data.Sqlite;

namespace Lem.Server.Store;

/// <summary>The embedded store: one SQLite file (<c>&lt;data&gt;/lem.db</c>) in WAL mode with full synchronous writes; one connection owned by the sequencer.</summary>
internal sealed class SqliteMarketStore : IMarketStore
{
    /// <summary>The market tables in SQLite's column types (see <see cref="MarketTables.Schema"/>).</summary>
    private static readonly string Schema = MarketTables.Schema("INTEGER", "BLOB");

    private const string InsertCommand = "INSERT INTO commands (seq, time, kind, payload) VALUES ($1, $2, $3, $4)";
    private const string InsertMarket = "INSERT INTO markets VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
    private const string InsertParticipant = "INSERT INTO participants VALUES ($1, $2, $3, $4, $5)";
    private const string UpsertOrder = """
        INSERT INTO orders VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
        ON CONFLICT (order_number) DO UPDATE SET price_eur_per_mwh = excluded.price_eur_per_mwh, quantity_kwh = excluded.quantity_kwh,
        filled_kwh = excluded.filled_kwh, open_kwh = excluded.open_kwh, status = excluded.status, reason = excluded.reason
        """;
    private const string InsertTrade = "INSERT INTO trades VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
    private const string InsertGateClosure = "INSERT INTO gate_closures VALUES ($1, $2, $3, $4, $5, $6, $7)";
    private const string InsertLedger = "INSERT INTO ledger (seq, kind, payload, prev_hash, hash, timestamp, signature) VALUES ($1, $2, $3, $4, $5, $6, $7)";

    private readonly SqliteConnection _connection;

    /// <summary>The insert statements, prepared once and reused by every group commit (created on first use).</summary>
    private readonly Dictionary<string, SqliteCommand> _statements = [];

    /// <summary>Opens (creating when missing) the database of a data folder.</summary>
    public SqliteMarketStore(string dataDirectory)
    {
        _connection = DataFolder.OpenDatabase(dataDirectory);

        // Durability stays WAL + synchronous=FULL (every COMMIT fsyncs the log). The larger auto-checkpoint lets the
        // checkpoints (which the committing thread runs) coalesce the many rewrites of the same order and index pages;
        // the larger page cache keeps the indexes the inserts touch in memory.
        Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA wal_autocheckpoint=8192; PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY;");
    }

    /// <inheritdoc />
    public LoadedState Load()
    {
        Execute(Schema);
        LedgerTable.CreateIfMissing(_connection);
        var participants = new List<ParticipantRecord>();
        using (var cmd = _connection.CreateCommand())
        {
            cmd.CommandText = "SELECT participant_id, role, api_key_sha256, ed25519_public_key, registered_at FROM participants";
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                participants.Add(new ParticipantRecord(r.GetString(0), RoleNames.Parse(r.GetString(1)), r.GetString(2),
                    r.IsDBNull(3) ? null : (byte[])r.GetValue(3), ParseTime(r.GetString(4))));
            }
        }

        var commands = new List<StoredCommand>();
        using (var cmd = _connection.CreateCommand())
        {
            cmd.CommandText = "SELECT seq, time, kind, payload FROM commands ORDER BY seq";
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                commands.Add(new StoredCommand(r.GetInt64(0), ParseTime(r.GetString(1)), r.GetString(2), r.GetString(3)));
            }
        }

        return new LoadedState(participants, commands, LedgerTable.ReadLast(_connection));
    }

    /// <inheritdoc />
    public void Commit(StoreBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        using var tx = _connection.BeginTransaction();
        if (batch.Commands.Count > 0)
        {
            var cmd = Statement(tx, InsertCommand, 4);
            foreach (var c in batch.Commands)
            {
                Run(cmd, c.Sequence, Time(c.Time), c.Kind, c.PayloadJson);
            }
        }

        if (batch.Markets.Count > 0)
        {
            var cmd = Statement(tx, InsertMarket, 9);
            foreach (var m in batch.Markets)
            {
                Run(cmd, m.MarketId, m.Mechanism, Time(m.DeliveryStart), m.SlotMinutes, m.SlotCount, m.GateClosureLeadMinutes,
                    Dec(m.TickSizeEurPerMwh), Dec(m.MinPriceEurPerMwh), Dec(m.MaxPriceEurPerMwh));
            }
        }

        if (batch.Participants.Count > 0)
        {
            var cmd = Statement(tx, InsertParticipant, 5);
            foreach (var p in batch.Participants)
            {
                Run(cmd, p.ParticipantId, RoleNames.Name(p.Role), p.ApiKeySha256Hex, p.PublicKey, Time(p.RegisteredAt));
            }
        }

        if (batch.Orders.Count > 0)
        {
            var cmd = Statement(tx, UpsertOrder, 14);
            foreach (var o in batch.Orders.Values)
            {
                Run(cmd, o.Number, o.ParticipantId, o.ClientOrderId, o.MarketId, o.Slot, o.Side == OrderSide.Buy ? "buy" : "sell",
                    Dec(o.PriceEurPerMwh), Dec(o.QuantityKwh), Dec(o.FilledKwh), Dec(o.OpenKwh), OrderStatusNames.Name(o.Status), o.Reason, o.Fingerprint, Time(o.SubmittedAt));
            }
        }

        if (batch.Trades.Count > 0)
        {
            var cmd = Statement(tx, InsertTrade, 10);
            foreach (var t in batch.Trades)
            {
                Run(cmd, t.TradeId, t.MarketId, t.Slot, t.Buyer, t.Seller, t.BuyClientOrderId, t.SellClientOrderId,
                    Dec(t.PriceEurPerMwh), Dec(t.QuantityKwh), Time(t.Time));
            }
        }

        if (batch.GateClosures.Count > 0)
        {
            var cmd = Statement(tx, InsertGateClosure, 7);
            foreach (var g in batch.GateClosures)
            {
                Run(cmd, g.MarketId, g.Slot, Time(g.ClosedAt), g.PriceEurPerMwh is { } p ? Dec(p) : null, Dec(g.VolumeKwh), g.TradeCount, g.MerkleRootHex);
            }
        }

        if (batch.LedgerEntries.Count > 0)
        {
            // The same columns and values as LedgerTable.Insert, through a reused statement.
            var cmd = Statement(tx, InsertLedger, 7);
            foreach (var e in batch.LedgerEntries)
            {
                Run(cmd, e.Sequence, e.Kind, e.PayloadJson, e.PreviousHash, e.Hash, e.Timestamp, e.Signature);
            }
        }

        tx.Commit();
    }

    /// <inheritdoc />
    public StoreVerification Verify(byte[] serverPublicKey, (long Sequence, string Hash)? expectedHead) =>
        StoreVerifier.Verify(_connection, serverPublicKey, LedgerSignatureCheck.HeadOnly, expectedHead, collectPositions: true);

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var statement in _statements.Values)
        {
            statement.Dispose();
        }

        _connection.Dispose();
    }

    /// <summary>The stored text of a time stamp (ISO 8601, UTC, 7 fractional digits).</summary>
    private static string Time(NodaTime.Instant t) => WireTime.Text(t);

    private static NodaTime.Instant ParseTime(string s) => WireTime.Parse(s);

    private static string Dec(decimal d) => d.ToString(CultureInfo.InvariantCulture);

    private SqliteCommand Statement(SqliteTransaction tx, string sql, int parameters)
    {
        if (!_statements.TryGetValue(sql, out var cmd))
        {
            cmd = _connection.CreateCommand();
            cmd.CommandText = sql;
            for (var i = 1; i <= parameters; i++)
            {
                cmd.Parameters.Add(new SqliteParameter("$" + i.ToString(CultureInfo.InvariantCulture), null));
            }

            _statements.Add(sql, cmd);
        }

        cmd.Transaction = tx;
        return cmd;
    }

    private static void Run(SqliteCommand cmd, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            cmd.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        cmd.ExecuteNonQuery();
    }

    private void Execute(string sql)
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
