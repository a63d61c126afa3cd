using System.CommandLine;
using System.Data.Common;
using Lem.Cli.Output;
using Lem.Ledger;
using Lem.Server.Store;
using Microsoft.Data.Sqlite;
using Npgsql;
using Spectre.Console;

namespace Lem.Cli.Commands;

/// <summary>
/// <c>lem ledger verify --data DIR | --postgres CONNECTION [--public-key BASE64]</c>: re-checks the whole hash chain in
/// the <c>ledger</c> table (sequence, links, canonical payloads, hashes, signatures) and names the first bad record.
/// Exit 0 when valid, 1 when not, 2 for a usage mistake (no such folder, no key).
/// </summary>
public static class LedgerVerifyCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var data = new Option<string?>("--data") { Description = "The server's data folder: lem.db (SQLite) and server-ed25519.key." };
        var postgres = new Option<string?>("--postgres") { Description = "A PostgreSQL connection string (Npgsql form, e.g. \"Host=...;Database=...;Username=...\") instead of --data." };
        var publicKey = new Option<string?>("--public-key") { Description = "The server's Ed25519 public key in base64; required with --postgres, optional with --data (default: derived from the folder's key file)." };
        var format = CommonOptions.Format();
        var command = new Command("verify", "Re-check the whole ledger chain and name the first bad record.") { data, postgres, publicKey, format };
        command.SetAction(parse => Run(context, parse.GetValue(data), parse.GetValue(postgres), parse.GetValue(publicKey), parse.GetValue(format)!));
        return command;
    }

    private static int Usage(CliContext context, string message)
    {
        context.Error.WriteLine($"lem: {message}");
        return ExitCodes.Usage;
    }

    private static int Run(CliContext context, string? data, string? postgres, string? publicKeyText, string format)
    {
        if ((data is null) == (postgres is null))
        {
            return Usage(context, "ledger verify needs exactly one of --data DIR (SQLite) and --postgres CONNECTION.");
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
            return Report(context, format, source, Verify(connection, publicKey));
        }
    }

    private static LedgerVerification Verify(DbConnection connection, byte[] publicKey)
    {
        try
        {
            if (!LedgerTable.Exists(connection))
            {
                return Unreadable(0, "the database has no ledger table");
            }

            return LedgerVerifier.Verify(LedgerTable.ReadAll(connection), publicKey);
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

    private static LedgerVerification Unreadable(long count, string reason) =>
        new() { Ok = false, Count = count, Reason = reason };

    private static int Report(CliContext context, string format, string source, LedgerVerification result)
    {
        if (format == "json")
        {
            Json.Write(context.Out, w =>
            {
                w.WriteStartObject();
                w.WriteBoolean("valid", result.Ok);
                w.WriteNumber("records", result.Count);
                if (result.FirstBadSequence is { } bad)
                {
                    w.WriteNumber("first_bad_sequence", bad);
                }
                else
                {
                    w.WriteNull("first_bad_sequence");
                }

                if (result.FailedCheck is { } check)
                {
                    w.WriteString("check", LedgerNames.Of(check));
                }
                else
                {
                    w.WriteNull("check");
                }

                if (result.Reason is { } reason)
                {
                    w.WriteString("reason", reason);
                }
                else
                {
                    w.WriteNull("reason");
                }

                if (result.HeadHash is { } head)
                {
                    w.WriteString("head_hash", head);
                }
                else
                {
                    w.WriteNull("head_hash");
                }

                w.WriteEndObject();
            });
        }
        else if (result.Ok)
        {
            context.Console.MarkupLine($"[green]{Markup.Escape(source)}: the ledger is valid[/]: {result.Count} record{(result.Count == 1 ? string.Empty : "s")}, every link, hash and signature checks.");
            if (result.HeadHash is { } head)
            {
                context.Console.MarkupLine($"  head hash {Markup.Escape(head)}");
            }
        }
        else
        {
            var where = result.FirstBadSequence is { } bad ? $"first bad record {bad}" : "unreadable";
            context.Console.MarkupLine($"[red]{Markup.Escape(source)}: the ledger is NOT valid ({Markup.Escape(where)}).[/]");
            context.Console.MarkupLine($"  {Markup.Escape(result.Reason ?? string.Empty)}");
            context.Console.MarkupLine($"  {result.Count} record{(result.Count == 1 ? string.Empty : "s")} read.");
        }

        return result.Ok ? ExitCodes.Ok : ExitCodes.InvalidInput;
    }
}
