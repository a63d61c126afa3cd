using System.Text;
using Lem.Ledger;
using Lem.Server.Store;
using Microsoft.Data.Sqlite;

namespace Lem.Server.Tests;

public sealed class TamperTests
{
    private static readonly string[] Columns = ["kind", "payload", "prev_hash", "hash", "timestamp", "signature"];

    [Trait("Category", "Heavy")]
    [Fact]
    public async Task Flipping_one_byte_of_a_ledger_record_in_a_server_data_folder_makes_lem_ledger_verify_fail()
    {
        var root = Path.Combine(Path.GetTempPath(), "lem-server-tests", "tamper-" + Guid.NewGuid().ToString("N"));
        var dir = Path.Combine(root, "data");
        try
        {
            // A short load: markets, participants, crossing orders with trades, a cancel, an amendment and a gate closure.
            await using (var t = await TestServer.StartAsync(dir))
            {
                t.OwnsFolder = false;
                await t.CreateMarket("m1", "continuous");
                await t.CreateMarket("auc", "call_auction");
                var alice = await t.Register("alice");
                var bob = await t.Register("bob");
                for (var i = 0; i < 12; i++)
                {
                    Assert.Equal(201, (await t.Order("m1", alice, $"s{i}", "sell", 40m + i, 5m, slot: i % 2)).Status);
                    Assert.Equal(201, (await t.Order("m1", bob, $"b{i}", "buy", 45m, 3m, slot: i % 2)).Status);
                    Assert.Equal(201, (await t.Order("auc", i % 2 == 0 ? alice : bob, $"q{i}", i % 2 == 0 ? "sell" : "buy", 40m + i, 2m)).Status);
                }

                Assert.Equal(200, (await t.Send(HttpMethod.Delete, "/v1/orders/s11", alice)).Status);
                Assert.Equal(200, (await t.Send(HttpMethod.Patch, "/v1/orders/s10", alice, """{"price_eur_per_mwh": 60, "quantity_kwh": 9}""")).Status);
                t.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 1, 11, 0, 0, TimeSpan.Zero));
                await t.Server.RunDueGateClosuresAsync();
            }

            var clean = await FaultServerProcess.VerifyLedgerAsync(dir);
            Assert.True(clean.ExitCode == 0, "the untouched folder: " + clean.Output);
            var rows = LedgerRows(dir);
            Assert.True(rows.Count >= 5, $"only {rows.Count} ledger rows");

            var random = new Random(8);
            var samples = Enumerable.Range(0, 10).Select(i => (Seq: rows[i == 0 ? 0 : i == 1 ? rows.Count - 1 : random.Next(rows.Count)], Column: Columns[i % Columns.Length])).ToList();
            foreach (var (seq, column) in samples)
            {
                var copy = Path.Combine(root, $"copy-{seq}-{column}");
                CopyFolder(dir, copy);
                var (before, after) = FlipOneByte(copy, seq, column, random);
                var verdict = await FaultServerProcess.VerifyLedgerAsync(copy);
                Assert.True(verdict.ExitCode == 1, $"ledger row {seq}, column {column}: '{before}' -> '{after}': exit {verdict.ExitCode}: {verdict.Output}");
                Directory.Delete(copy, true);
            }
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, true);
            }
        }
    }

    private static List<long> LedgerRows(string dir)
    {
        using var db = DataFolder.OpenDatabaseReadOnly(dir);
        using var cmd = db.CreateCommand();
        cmd.CommandText = "SELECT seq FROM ledger ORDER BY seq";
        using var r = cmd.ExecuteReader();
        var rows = new List<long>();
        while (r.Read())
        {
            rows.Add(r.GetInt64(0));
        }

        return rows;
    }

    /// <summary>XORs one byte of one column of one ledger row with 0x01 (an ASCII byte stays ASCII), directly in the database.</summary>
    private static (string Before, string After) FlipOneByte(string dir, long seq, string column, Random random)
    {
        using var db = new SqliteConnection($"Data Source={DataFolder.DatabasePath(dir)};Pooling=False");
        db.Open();
        using var read = db.CreateCommand();
        read.CommandText = $"SELECT {column} FROM ledger WHERE seq = $seq";
        read.Parameters.AddWithValue("$seq", seq);
        var before = (string)read.ExecuteScalar()!;
        var bytes = Encoding.UTF8.GetBytes(before);
        var at = random.Next(bytes.Length);
        while (bytes[at] >= 0x80)
        {
            at = (at + 1) % bytes.Length;
        }

        bytes[at] ^= 0x01;
        var after = Encoding.UTF8.GetString(bytes);
        using var write = db.CreateCommand();
        write.CommandText = $"UPDATE ledger SET {column} = $value WHERE seq = $seq";
        write.Parameters.AddWithValue("$value", after);
        write.Parameters.AddWithValue("$seq", seq);
        Assert.Equal(1, write.ExecuteNonQuery());
        return (Cut(before, at), Cut(after, at));
    }

    private static string Cut(string text, int at) => text.Substring(Math.Max(0, at - 10), Math.Min(20, text.Length - Math.Max(0, at - 10)));

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }
}
