using System.Data.Common;

namespace Lem.Server.Store;

/// <summary>
/// The <c>ledger</c> table through plain ADO.NET, in SQL that SQLite and PostgreSQL both accept:
/// <c>ledger(seq BIGINT PRIMARY KEY, kind TEXT NOT NULL, payload TEXT NOT NULL, prev_hash TEXT NOT NULL,
/// hash TEXT NOT NULL, timestamp TEXT NOT NULL, signature TEXT NOT NULL)</c>. The primary key on <c>seq</c> makes a
/// fork (two records with one number) impossible; appends must still come from one writer at a time.
/// </summary>
public static class LedgerTable
{
    /// <summary>The table's name.</summary>
    public const string Name = "ledger";

    private const string Columns = "seq, kind, payload, prev_hash, hash, timestamp, signature";

    /// <summary>Creates the table when it does not exist.</summary>
    public static void CreateIfMissing(DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE IF NOT EXISTS ledger (
                seq BIGINT PRIMARY KEY,
                kind TEXT NOT NULL,
                payload TEXT NOT NULL,
                prev_hash TEXT NOT NULL,
                hash TEXT NOT NULL,
                timestamp TEXT NOT NULL,
                signature TEXT NOT NULL)
            """;
        command.ExecuteNonQuery();
    }

    /// <summary>True when the connection's database has the ledger table.</summary>
    public static bool Exists(DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = connection.GetType().Name.Contains("Npgsql", StringComparison.Ordinal)
            ? "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'ledger' AND table_schema = ANY (current_schemas(false))"
            : "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'ledger'";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>Inserts one record within <paramref name="transaction"/> (null for none).</summary>
    public static void Insert(DbConnection connection, DbTransaction? transaction, LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(entry);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO ledger ({Columns}) VALUES (@seq, @kind, @payload, @prev_hash, @hash, @timestamp, @signature)";
        Add(command, "@seq", entry.Sequence);
        Add(command, "@kind", entry.Kind);
        Add(command, "@payload", entry.PayloadJson);
        Add(command, "@prev_hash", entry.PreviousHash);
        Add(command, "@hash", entry.Hash);
        Add(command, "@timestamp", entry.Timestamp);
        Add(command, "@signature", entry.Signature);
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Reads the last record, appends a new one after it with <see cref="LedgerChain.Append"/> and inserts it, all within
    /// <paramref name="transaction"/>; returns the new record.
    /// </summary>
    public static LedgerEntry Append(DbConnection connection, DbTransaction? transaction, string kind, JsonNode payload, DateTimeOffset timestamp, Ed25519KeyPair serverKey)
    {
        var last = ReadLast(connection, transaction);
        var entry = LedgerChain.Append(last, kind, payload, timestamp, serverKey);
        Insert(connection, transaction, entry);
        return entry;
    }

    /// <summary>
    /// Streams every record in sequence order. Values are taken as stored: a text column that holds a blob is decoded as
    /// UTF-8 (invalid bytes become U+FFFD), a number as its invariant text, so a tampered store still reads and the
    /// verifier names the record.
    /// </summary>
    /// <exception cref="InvalidDataException">A row's <c>seq</c> is not an integer.</exception>
    public static IEnumerable<LedgerEntry> ReadAll(DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM ledger ORDER BY seq";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return Row(reader);
        }
    }

    /// <summary>Reads the record with the highest sequence number, or null when the table is empty.</summary>
    public static LedgerEntry? ReadLast(DbConnection connection, DbTransaction? transaction = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT {Columns} FROM ledger ORDER BY seq DESC LIMIT 1";
        using var reader = command.ExecuteReader();
        return reader.Read() ? Row(reader) : null;
    }

    /// <summary>Reads the records with sequence numbers in [<paramref name="fromSequence"/>, <paramref name="toSequence"/>], in order.</summary>
    public static IReadOnlyList<LedgerEntry> ReadRange(DbConnection connection, long fromSequence, long toSequence, DbTransaction? transaction = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT {Columns} FROM ledger WHERE seq >= @from AND seq <= @to ORDER BY seq";
        Add(command, "@from", fromSequence);
        Add(command, "@to", toSequence);
        using var reader = command.ExecuteReader();
        var list = new List<LedgerEntry>();
        while (reader.Read())
        {
            list.Add(Row(reader));
        }

        return list;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        command.Parameters.Add(p);
    }

    private static LedgerEntry Row(DbDataReader reader)
    {
        var seq = DbValues.Sequence(reader.GetValue(0), "ledger");
        return new LedgerEntry(seq, DbValues.Text(reader.GetValue(1)), DbValues.Text(reader.GetValue(2)), DbValues.Text(reader.GetValue(3)), DbValues.Text(reader.GetValue(4)), DbValues.Text(reader.GetValue(5)), DbValues.Text(reader.GetValue(6)));
    }
}
