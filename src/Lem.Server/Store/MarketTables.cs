using System.Data.Common;

namespace Lem.Server.Store;

/// <summary>
/// The market tables of the ADO.NET stores in SQL that SQLite and PostgreSQL both accept: the schema (apart from the
/// integer-key and byte column types), the rows a <see cref="StoreBatch"/> writes, and the reads of
/// <see cref="IMarketStore.Load"/>. Times are stored as ISO 8601 text (<see cref="SqliteMarketStore.Time"/>) and decimals
/// as invariant text, so both stores give back exactly what was written. Parameters are positional (<c>$1</c>, <c>$2</c>, ...).
/// </summary>
internal static class MarketTables
{
    /// <summary>The <c>CREATE TABLE IF NOT EXISTS</c> statements of the market tables (the ledger table is <see cref="LedgerTable"/>'s).</summary>
    /// <param name="integerKeyType">The type of the 64-bit keys seq, order_number and trade_id: <c>INTEGER</c> in SQLite (the rowid), <c>BIGINT</c> in PostgreSQL.</param>
    /// <param name="bytesType">The type of the public-key column: <c>BLOB</c> in SQLite, <c>BYTEA</c> in PostgreSQL.</param>
    public static string Schema(string integerKeyType, string bytesType) => $"""
        CREATE TABLE IF NOT EXISTS commands (
            seq {integerKeyType} PRIMARY KEY, time TEXT NOT NULL, kind TEXT NOT NULL, payload TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS markets (
            market_id TEXT PRIMARY KEY, mechanism TEXT NOT NULL, delivery_start TEXT NOT NULL, slot_minutes INTEGER NOT NULL,
            slot_count INTEGER NOT NULL, gate_closure_lead_minutes INTEGER NOT NULL, tick_size_eur_per_mwh TEXT NOT NULL,
            min_price_eur_per_mwh TEXT NOT NULL, max_price_eur_per_mwh TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS participants (
            participant_id TEXT PRIMARY KEY, role TEXT NOT NULL, api_key_sha256 TEXT NOT NULL UNIQUE,
            ed25519_public_key {bytesType} NULL, registered_at TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS orders (
            order_number {integerKeyType} PRIMARY KEY, participant_id TEXT NOT NULL, client_order_id TEXT NOT NULL, market_id TEXT NOT NULL,
            slot INTEGER NOT NULL, side TEXT NOT NULL, price_eur_per_mwh TEXT NOT NULL, quantity_kwh TEXT NOT NULL,
            filled_kwh TEXT NOT NULL, open_kwh TEXT NOT NULL, status TEXT NOT NULL, reason TEXT NULL, fingerprint TEXT NOT NULL,
            submitted_at TEXT NOT NULL, UNIQUE (participant_id, client_order_id));
        CREATE TABLE IF NOT EXISTS trades (
            trade_id {integerKeyType} PRIMARY KEY, market_id TEXT NOT NULL, slot INTEGER NOT NULL, buyer TEXT NOT NULL, seller TEXT NOT NULL,
            buy_client_order_id TEXT NOT NULL, sell_client_order_id TEXT NOT NULL, price_eur_per_mwh TEXT NOT NULL,
            quantity_kwh TEXT NOT NULL, time TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS gate_closures (
            market_id TEXT NOT NULL, slot INTEGER NOT NULL, closed_at TEXT NOT NULL, price_eur_per_mwh TEXT NULL,
            volume_kwh TEXT NOT NULL, trade_count INTEGER NOT NULL, merkle_root TEXT NOT NULL, PRIMARY KEY (market_id, slot));
        """;

    /// <summary>
    /// The rows <paramref name="batch"/> writes, table by table in the order commands, markets, participants, orders
    /// (insert or update), trades, gate closures; tables without rows are left out. The ledger entries are not included:
    /// they go through <see cref="LedgerTable.Insert"/> in the same transaction.
    /// </summary>
    public static IReadOnlyList<TableRows> Rows(StoreBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var tables = new List<TableRows>(6);
        Add(tables, "INSERT INTO commands (seq, time, kind, payload) VALUES ($1, $2, $3, $4)",
            batch.Commands.Select(c => new object?[] { c.Sequence, Time(c.Time), c.Kind, c.PayloadJson }));
        Add(tables, "INSERT INTO markets VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            batch.Markets.Select(m => new object?[]
            {
                m.MarketId, m.Mechanism, Time(m.DeliveryStart), m.SlotMinutes, m.SlotCount, m.GateClosureLeadMinutes,
                Dec(m.TickSizeEurPerMwh), Dec(m.MinPriceEurPerMwh), Dec(m.MaxPriceEurPerMwh),
            }));
        Add(tables, "INSERT INTO participants VALUES ($1, $2, $3, $4, $5)",
            batch.Participants.Select(p => new object?[] { p.ParticipantId, RoleNames.Name(p.Role), p.ApiKeySha256Hex, p.PublicKey, Time(p.RegisteredAt) }));
        Add(tables, """
            INSERT INTO orders VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
            ON CONFLICT (order_number) DO UPDATE SET price_eur_per_mwh = excluded.price_eur_per_mwh, quantity_kwh = excluded.quantity_kwh,
            filled_kwh = excluded.filled_kwh, open_kwh = excluded.open_kwh, status = excluded.status, reason = excluded.reason
            """,
            batch.Orders.Values.Select(o => new object?[]
            {
                o.Number, o.ParticipantId, o.ClientOrderId, o.MarketId, o.Slot, o.Side == OrderSide.Buy ? "buy" : "sell",
                Dec(o.PriceEurPerMwh), Dec(o.QuantityKwh), Dec(o.FilledKwh), Dec(o.OpenKwh), OrderStatusNames.Name(o.Status), o.Reason, o.Fingerprint, Time(o.SubmittedAt),
            }));
        Add(tables, "INSERT INTO trades VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
            batch.Trades.Select(t => new object?[]
            {
                t.TradeId, t.MarketId, t.Slot, t.Buyer, t.Seller, t.BuyClientOrderId, t.SellClientOrderId, Dec(t.PriceEurPerMwh), Dec(t.QuantityKwh), Time(t.Time),
            }));
        Add(tables, "INSERT INTO gate_closures VALUES ($1, $2, $3, $4, $5, $6, $7)",
            batch.GateClosures.Select(g => new object?[]
            {
                g.MarketId, g.Slot, Time(g.ClosedAt), g.PriceEurPerMwh is { } p ? Dec(p) : null, Dec(g.VolumeKwh), g.TradeCount, g.MerkleRootHex,
            }));
        return tables;
    }

    /// <summary>Reads the registered participants.</summary>
    public static List<ParticipantRecord> ReadParticipants(DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var participants = new List<ParticipantRecord>();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT participant_id, role, api_key_sha256, ed25519_public_key, registered_at FROM participants";
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            participants.Add(new ParticipantRecord(r.GetString(0), RoleNames.Parse(r.GetString(1)), r.GetString(2),
                r.IsDBNull(3) ? null : (byte[])r.GetValue(3), ParseTime(r.GetString(4))));
        }

        return participants;
    }

    /// <summary>Reads the command log in sequence order.</summary>
    public static List<StoredCommand> ReadCommands(DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var commands = new List<StoredCommand>();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT seq, time, kind, payload FROM commands ORDER BY seq";
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            commands.Add(new StoredCommand(r.GetInt64(0), ParseTime(r.GetString(1)), r.GetString(2), r.GetString(3)));
        }

        return commands;
    }

    /// <summary>Runs SQL without parameters or results (several statements separated by ';' are allowed).</summary>
    public static void Execute(DbConnection connection, string sql)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static void Add(List<TableRows> tables, string sql, IEnumerable<object?[]> rows)
    {
        var list = rows.ToList();
        if (list.Count > 0)
        {
            tables.Add(new TableRows(sql, list));
        }
    }

    private static string Time(NodaTime.Instant t) => WireTime.Text(t);

    private static NodaTime.Instant ParseTime(string s) => WireTime.Parse(s);

    private static string Dec(decimal d) => d.ToString(CultureInfo.InvariantCulture);
}
