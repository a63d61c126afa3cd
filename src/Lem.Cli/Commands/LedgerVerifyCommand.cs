using System.Data.Common;
using Lem.Ledger;
using Lem.Server.Store;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Lem.Cli.Commands;

/// <summary>
/// <c>lem ledger verify --data DIR | --postgres CONNECTION [--public-key BASE64] [--expect-head SEQ:HASH]</c>: re-checks
/// the whole hash chain in the <c>ledger</c> table (sequence, links, canonical payloads, hashes, signatures), that it
/// reaches the expected head with that hash (a cut or rewritten chain fails), and the <c>commands</c> table against the
/// ledger one to one (missing, extra, changed or moved commands); names the first bad record and command. Exit 0 when
/// valid, 1 when not, 2 for a usage mistake (no such folder, no key, a malformed head). See <c>docs/ledger.md</c>.
/// </summary>
public static class LedgerVerifyCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var data = new Option<string?>("--data") { Description = "The server's data folder: lem.db (SQLite) and server-ed25519.key." };
        var postgres = new Option<string?>("--postgres") { Description = "A PostgreSQL connection string (Npgsql form, e.g. \"Host=...;Database=...;Username=...\") instead of --data." };
        var publicKey = new Option<string?>("--public-key") { Description = "The server's Ed25519 public key in base64; required with --postgres, optional with --data (default: derived from the folder's key file)." };
        var expectHead = new Option<string?>("--expect-head") { Description = "A head the chain must reach, SEQ:HASH (e.g. the ledger_seq and ledger_hash of an acknowledgement, or GET /v1/ledger/head): detects a cut or rewritten chain." };
        var format = CommonOptions.Format();
        var command = new Command("verify", "Re-check the whole ledger chain and the command log against it, and name the first bad record.") { data, postgres, publicKey, expectHead, format };
        command.SetAction(parse => Run(context, parse.GetValue(data), parse.GetValue(postgres), parse.GetValue(publicKey), parse.GetValue(expectHead), parse.GetValue(format)!));
        return command;
    }

    private static int Usage(CliContext context, string message)
    {
        context.Error.WriteLine($"lem: {message}");
        return ExitCodes.Usage;
    }

    private static int Run(CliContext context, string? data, string? postgres, string? publicKeyText, string? expectHeadText, string format)
    {
        if ((data is null) == (postgres is null))
        {
            return Usage(context, "ledger verify needs exactly one of --data DIR (SQLite) and --postgres CONNECTION.");
        }

        (long Sequence, string Hash)? expectHead = null;
        if (expectHeadText is not null)
        {
            if (!TryParseHead(expectHeadText, out var head))
            {
                return Usage(context, $"--expect-head must be SEQ:HASH, a record number (0 or more) and its 64-digit hex hash; got '{expectHeadText}'.");
            }

            expectHead = head;
        }

        byte[]? publicKey = null;
        if (publicKeyText is not null)
        {
            try
            {
                publicKey = Convert.FromBase64String(publicKeyText.Trim());
            }
            catch (FormatException)
            {
                return Usage(context, "--public-key is not base64.");
            }

            if (publicKey.Length != Ed25519.PublicKeySizeBytes)
            {
                return Usage(context, $"--public-key must be the base64 of a {Ed25519.PublicKeySizeBytes}-byte Ed25519 public key; it has {publicKey.Length} bytes.");
            }
        }

        DbConnection connection;
        string source;
        if (data is not null)
        {
            if (!Directory.Exists(data))
            {
                return Usage(context, $"--data: the folder {data} does not exist.");
            }

            if (!File.Exists(DataFolder.DatabasePath(data)))
            {
                return Usage(context, $"--data: the folder {data} has no database {DataFolder.DatabaseFileName}; is it a server data folder?");
            }

            if (publicKey is null)
            {
                try
                {
                    publicKey = ServerKeyFile.Load(data).PublicKey;
                }
                catch (FileNotFoundException)
                {
                    return Usage(context, $"--data: the folder {data} has no server key {ServerKeyFile.FileName}; pass the server's public key with --public-key.");
                }
                catch (InvalidDataException ex)
                {
                    return Usage(context, $"--data: {ex.Message}");
                }
            }

            source = DataFolder.DatabasePath(data);
            try
            {
                connection = DataFolder.OpenDatabaseReadOnly(data);
            }
            catch (SqliteException ex)
            {
                return Report(context, format, source, Unreadable(0, $"cannot open the database: {ex.Message}"));
            }
        }
        else
        {
            if (publicKey is null)
            {
                return Usage(context, "--postgres needs the server's public key: pass --public-key BASE64.");
            }

            source = "PostgreSQL";
            try
            {
                connection = new NpgsqlConnection(postgres);
                connection.Open();
            }
            catch (Exception ex) when (ex is ArgumentException or NpgsqlException or FormatException)
            {
                context.Error.WriteLine($"lem: --postgres: cannot connect: {ex.Message}");
                return ex is NpgsqlException ? ExitCodes.InternalError : ExitCodes.Usage;
            }
        }

        using (connection)
        {
            return Report(context, format, source, Verify(connection, publicKey, expectHead));
        }
    }

    private static bool TryParseHead(string text, out (long Sequence, string Hash) head)
    {
        head = default;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0
            || !long.TryParse(text.AsSpan(0, colon), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var sequence))
        {
            return false;
        }

        var hash = text[(colon + 1)..].Trim().ToLowerInvariant();
        if (hash.Length != 64 || !hash.All(Uri.IsHexDigit))
        {
            return false;
        }

        head = (sequence, hash);
        return true;
    }

    private static StoreVerification Verify(DbConnection connection, byte[] publicKey, (long Sequence, string Hash)? expectHead)
    {
        try
        {
            if (!LedgerTable.Exists(connection))
            {
                return Unreadable(0, "the database has no ledger table");
            }

            return StoreVerifier.Verify(connection, publicKey, LedgerSignatureCheck.Every, expectHead);
        }
        catch (InvalidDataException ex)
        {
            return Unreadable(0, $"unreadable record: {ex.Message}");
        }
        catch (SqliteException ex)
        {
            return Unreadable(0, $"cannot read the database: {ex.Message}");
        }
    }

    private static StoreVerification Unreadable(long count, string reason) =>
        new() { Chain = new LedgerVerification { Ok = false, Count = count, Reason = reason } };

    private static int Report(CliContext context, string format, string source, StoreVerification result)
    {
        var check = result.Chain.FailedCheck is { } failed ? LedgerNames.Of(failed) : result.Check;
        var records = result.Chain.Count;
        if (format == "json")
        {
            Json.Write(context.Out, w =>
            {
                w.WriteStartObject();
                w.WriteBoolean("valid", result.Ok);
                w.WriteNumber("records", records);
                w.WriteNumberOrNull("first_bad_sequence", result.FirstBadSequence);
                w.WriteNumberOrNull("first_bad_command", result.FirstBadCommand);
                w.WriteStringOrNull("check", check);
                w.WriteStringOrNull("reason", result.Reason);
                w.WriteStringOrNull("head_hash", result.HeadHash);
                w.WriteNumber("head_sequence", result.HeadSequence);
                w.WriteNumberOrNull("commands", result.HasCommandLog ? result.CommandCount : null);
                w.WriteEndObject();
            });
        }
        else if (result.Ok)
        {
            context.Console.MarkupLine($"[green]{Markup.Escape(source)}: the ledger is valid[/]: {records} record{(records == 1 ? string.Empty : "s")}, every link, hash and signature checks.");
            if (result.HasCommandLog)
            {
                context.Console.MarkupLine($"  {result.CommandCount} stored command{(result.CommandCount == 1 ? string.Empty : "s")} match the ledger one to one.");
            }

            if (result.HeadHash is { } head)
            {
                context.Console.MarkupLine($"  head hash {Markup.Escape(head)} (record {result.HeadSequence}; check a copy later with --expect-head {result.HeadSequence}:{Markup.Escape(head)})");
            }
        }
        else
        {
            var where = result.FirstBadSequence is { } bad ? $"first bad record {bad}" : result.FirstBadCommand is null ? "unreadable" : "first bad";
            if (result.FirstBadCommand is { } badCommand)
            {
                where += $", command {badCommand}";
            }

            context.Console.MarkupLine($"[red]{Markup.Escape(source)}: the ledger is NOT valid ({Markup.Escape(where)}).[/]");
            context.Console.MarkupLine($"  {Markup.Escape(result.Reason ?? string.Empty)}");
            context.Console.MarkupLine($"  {records} record{(records == 1 ? string.Empty : "s")} read.");
        }

        return result.Ok ? ExitCodes.Ok : ExitCodes.InvalidInput;
    }
}
