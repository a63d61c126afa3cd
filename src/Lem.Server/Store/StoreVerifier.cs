using System.Data.Common;

namespace Lem.Server.Store;

/// <summary>
/// Verifies a server store: the hash chain of the <c>ledger</c> table (<see cref="LedgerVerifier"/>); then, when an
/// expected head is given, that the chain reaches it with the same hash (a cut or rewritten tail fails); then, when the
/// store has a <c>commands</c> table, the command log against the ledger one to one: the ledger's command records, in
/// order, must bind commands 1, 2, 3, … and each stored row must hash (<see cref="CommandDigest"/>) to the digest its
/// record holds, with no row missing and none extra. Used by <c>lem ledger verify</c> and by the server before it
/// replays the log. See <c>docs/ledger.md</c>.
/// </summary>
public static class StoreVerifier
{
    /// <summary>The name of the command log's table.</summary>
    public const string CommandsTable = "commands";

    /// <summary>Verifies the store behind <paramref name="connection"/> (which must have a ledger table).</summary>
    /// <param name="connection">An open connection to the SQLite or PostgreSQL store.</param>
    /// <param name="serverPublicKey">The server's Ed25519 public key.</param>
    /// <param name="signatures">Whose signatures to check (every record, or the last only).</param>
    /// <param name="expectedHead">A head the chain must reach with that hash, or null.</param>
    /// <param name="collectPositions">Whether to return every command's ledger record (for the server's replay).</param>
    /// <exception cref="InvalidDataException">A row's sequence number is not an integer.</exception>
    public static StoreVerification Verify(DbConnection connection, byte[] serverPublicKey, LedgerSignatureCheck signatures = LedgerSignatureCheck.Every,
        (long Sequence, string Hash)? expectedHead = null, bool collectPositions = false)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(serverPublicKey);
        var scan = new LedgerScan(expectedHead?.Sequence);
        var chain = LedgerVerifier.Verify(scan.Tap(LedgerTable.ReadAll(connection)), serverPublicKey, signatures);
        var hasLog = TableExists(connection, CommandsTable);
        var result = new StoreVerification { Chain = chain, HasCommandLog = hasLog, HeadSequence = scan.Last, BoundCommandCount = scan.Bound.Count };
        if (!chain.Ok)
        {
            return result;
        }

        if (expectedHead is { } head)
        {
            if (head.Sequence > scan.Last)
            {
                return result with
                {
                    Check = "ledger_cut", FirstBadRecord = scan.Last + 1,
                    ProblemReason = $"ledger cut: the ledger ends at record {scan.Last}, but the expected head is record {head.Sequence} ({Shorten(head.Hash)}); records {scan.Last + 1} to {head.Sequence} are missing",
                };
            }

            var found = head.Sequence == 0 ? LedgerChain.GenesisPreviousHash : scan.HashAtExpected;
            if (!string.Equals(found, head.Hash, StringComparison.Ordinal))
            {
                return result with
                {
                    Check = "head_mismatch", FirstBadRecord = head.Sequence,
                    ProblemReason = $"head mismatch: record {head.Sequence} has the hash {Shorten(found ?? string.Empty)}, the expected head has {Shorten(head.Hash)}; the chain was rewritten from there",
                };
            }
        }

        return hasLog ? CheckCommands(connection, scan, result, collectPositions) : result;
    }

    /// <summary>True when the connection's database has a table named <paramref name="name"/>.</summary>
    public static bool TableExists(DbConnection connection, string name)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = connection.GetType().Name.Contains("Npgsql", StringComparison.Ordinal)
            ? "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = @name AND table_schema = ANY (current_schemas(false))"
            : "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = @name";
        var p = command.CreateParameter();
        p.ParameterName = "@name";
        p.Value = name;
        command.Parameters.Add(p);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    }

    private static StoreVerification CheckCommands(DbConnection connection, LedgerScan scan, StoreVerification result, bool collectPositions)
    {
        var bound = scan.Bound;
        for (var i = 0; i < bound.Count; i++)
        {
            var b = bound[i];
            if (b.Digest is null)
            {
                return result with
                {
                    Check = "command_unbound", FirstBadRecord = b.Record, FirstBadCommand = b.Command,
                    ProblemReason = $"unbound command: ledger record {b.Record} records command {b.Command} without its digest (command_sha256); "
                        + "the store was written by a lem version from before the command log was bound to the ledger, which this version cannot verify or serve; start a new data folder",
                };
            }

            if (b.Command != i + 1)
            {
                return result with
                {
                    Check = "command_missing", FirstBadRecord = b.Record, FirstBadCommand = i + 1,
                    ProblemReason = $"command missing from the ledger: ledger record {b.Record} binds command {b.Command} where command {i + 1} was due",
                };
            }
        }

        var positions = collectPositions ? new List<LedgerPosition>(bound.Count) : null;
        long rows = 0;
        var next = 0;
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT seq, time, kind, payload FROM {CommandsTable} ORDER BY seq";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                rows++;
                var seq = DbValues.Sequence(reader.GetValue(0), "command");
                if (next >= bound.Count || seq < bound[next].Command)
                {
                    // Read on only to count the rows.
                    while (reader.Read())
                    {
                        rows++;
                    }

                    var last = bound.Count == 0 ? "none" : $"1 to {bound.Count}";
                    return result with
                    {
                        CommandCount = rows, Check = "command_extra", FirstBadCommand = seq,
                        FirstBadRecord = next < bound.Count ? bound[next].Record : scan.Last + 1,
                        ProblemReason = $"extra command: the commands table holds command {seq}, which no ledger record binds (the ledger binds commands {last})",
                    };
                }

                var b = bound[next];
                if (seq > b.Command)
                {
                    return result with
                    {
                        CommandCount = rows, Check = "command_missing", FirstBadCommand = b.Command, FirstBadRecord = b.Record,
                        ProblemReason = $"missing command: ledger record {b.Record} binds command {b.Command}, which the commands table does not hold (its next row is command {seq})",
                    };
                }

                var time = DbValues.Text(reader.GetValue(1));
                var kind = DbValues.Text(reader.GetValue(2));
                var digest = CommandDigest.TryCompute(seq, time, kind, DbValues.Text(reader.GetValue(3)));
                if (!string.Equals(digest, b.Digest, StringComparison.Ordinal))
                {
                    return result with
                    {
                        CommandCount = rows, Check = "command_changed", FirstBadCommand = seq, FirstBadRecord = b.Record,
                        ProblemReason = $"changed command: command {seq} ({kind}) does not match ledger record {b.Record}: the stored row hashes to {Shorten(digest ?? "(no canonical form)")}, the ledger binds {Shorten(b.Digest!)}; the row was changed or moved",
                    };
                }

                positions?.Add(new LedgerPosition(b.Record, b.RecordHash));
                next++;
            }
        }

        if (next < bound.Count)
        {
            var b = bound[next];
            return result with
            {
                CommandCount = rows, Check = "command_missing", FirstBadCommand = b.Command, FirstBadRecord = b.Record,
                ProblemReason = $"missing command: ledger record {b.Record} binds command {b.Command}, which the commands table does not hold (it ends at command {next})",
            };
        }

        return result with { CommandCount = rows, CommandPositions = positions };
    }

    private static string Shorten(string text) => text.Length > 16 ? text[..16] + "..." : text;

    /// <summary>Collects, while the chain is read, the commands each record binds, the last sequence number and the hash at an expected head.</summary>
    private sealed class LedgerScan(long? expectedSequence)
    {
        public List<(long Command, string? Digest, long Record, string RecordHash)> Bound { get; } = [];

        public long Last { get; private set; }

        public string? HashAtExpected { get; private set; }

        public IEnumerable<LedgerEntry> Tap(IEnumerable<LedgerEntry> entries)
        {
            foreach (var e in entries)
            {
                Last = e.Sequence;
                if (e.Sequence == expectedSequence)
                {
                    HashAtExpected = e.Hash;
                }

                Collect(e);
                yield return e;
            }
        }

        /// <summary>
        /// The command records of an entry: in a <c>batch</c> entry the members of <c>records</c> whose kind starts with
        /// <c>command.</c>, each <c>{"record": {"sequence", "command_sha256", ...}}</c>; an entry of a <c>command.</c> kind
        /// of its own (an older format) binds its command without a digest. A payload that does not parse is left to the
        /// chain's checks.
        /// </summary>
        private void Collect(LedgerEntry e)
        {
            try
            {
                using var doc = JsonDocument.Parse(e.PayloadJson);
                var root = doc.RootElement;
                if (e.Kind.StartsWith("command.", StringComparison.Ordinal))
                {
                    Bound.Add((Sequence(root) ?? Bound.Count + 1, null, e.Sequence, e.Hash));
                    return;
                }

                if (e.Kind != "batch" || root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("records", out var records) || records.ValueKind != JsonValueKind.Array)
                {
                    return;
                }

                foreach (var r in records.EnumerateArray())
                {
                    if (r.ValueKind == JsonValueKind.Object && r.TryGetProperty("kind", out var kind) && kind.ValueKind == JsonValueKind.String
                        && kind.GetString()!.StartsWith("command.", StringComparison.Ordinal) && r.TryGetProperty("record", out var record))
                    {
                        var digest = record.ValueKind == JsonValueKind.Object && record.TryGetProperty("command_sha256", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
                        Bound.Add((Sequence(record) ?? Bound.Count + 1, digest, e.Sequence, e.Hash));
                    }
                }
            }
            catch (JsonException)
            {
                // The chain check reports the record (its payload is not canonical JSON).
            }
        }

        private static long? Sequence(JsonElement record) =>
            record.ValueKind == JsonValueKind.Object && record.TryGetProperty("sequence", out var s) && s.ValueKind == JsonValueKind.Number && s.TryGetInt64(out var n) ? n : null;
    }
}
