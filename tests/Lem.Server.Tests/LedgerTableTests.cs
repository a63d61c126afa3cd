using System.Text.Json.Nodes;
using Lem.Ledger;
using Lem.Server.Store;
using Lem.Testing;
using Microsoft.Data.Sqlite;

namespace Lem.Server.Tests;

public sealed class LedgerTableTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("lem-ledger-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void DataFolder_Paths()
    {
        Assert.Equal(Path.Combine(dir, "lem.db"), DataFolder.DatabasePath(dir));
        Assert.Equal(Path.Combine(dir, "server-ed25519.key"), ServerKeyFile.PathIn(dir));
    }

    [Fact]
    public void Sqlite_InsertReadAllReadLast_RoundTripsAndVerifies()
    {
        var key = ServerKeyFile.LoadOrCreate(dir);
        var chain = LedgerTestData.Chain(40, key, seed: 11);
        using (var connection = DataFolder.OpenDatabase(dir))
        {
            LedgerTable.CreateIfMissing(connection);
            LedgerTable.CreateIfMissing(connection);
            Assert.Null(LedgerTable.ReadLast(connection));
            using var tx = connection.BeginTransaction();
            foreach (var e in chain)
            {
                LedgerTable.Insert(connection, tx, e);
            }

            tx.Commit();
            Assert.Equal("wal", Pragma(connection, "journal_mode"));
            Assert.Equal(2L, Convert.ToInt64(Pragma(connection, "synchronous"), System.Globalization.CultureInfo.InvariantCulture)); // 2 = FULL
        }

        using var reader = DataFolder.OpenDatabaseReadOnly(dir);
        Assert.True(LedgerTable.Exists(reader));
        Assert.Equal(chain, LedgerTable.ReadAll(reader).ToList());
        Assert.Equal(chain[^1], LedgerTable.ReadLast(reader));
        Assert.Equal(chain[10..13], LedgerTable.ReadRange(reader, 11, 13));
        var result = LedgerVerifier.Verify(LedgerTable.ReadAll(reader), ServerKeyFile.Load(dir).PublicKey);
        Assert.True(result.Ok, result.Reason);
        Assert.Equal(40, result.Count);
    }

    [Fact]
    public void Append_ContinuesTheStoredChain_DuplicateSequenceRefused()
    {
        var key = Ed25519KeyPair.Generate();
        using var connection = DataFolder.OpenDatabase(dir);
        LedgerTable.CreateIfMissing(connection);
        for (var i = 0; i < 5; i++)
        {
            using var tx = connection.BeginTransaction();
            LedgerTable.Append(connection, tx, "order.accepted", new JsonObject { ["i"] = i }, LedgerTestData.Start.AddMinutes(i), key);
            tx.Commit();
        }

        var all = LedgerTable.ReadAll(connection).ToList();
        Assert.Equal([1L, 2, 3, 4, 5], all.Select(e => e.Sequence));
        Assert.True(LedgerVerifier.Verify(all, key.PublicKey).Ok);

        // A fork (a second record 5) is impossible: the primary key refuses it.
        var fork = LedgerChain.Append(all[3], "order.accepted", new JsonObject { ["forged"] = true }, LedgerTestData.Start, key);
        Assert.Throws<SqliteException>(() => LedgerTable.Insert(connection, null, fork));
    }

    [Fact]
    public void ReadAll_BlobAndNumberInTextColumns_ReadAsTextAndFailVerification()
    {
        var key = Ed25519KeyPair.Generate();
        var chain = LedgerTestData.Chain(5, key, seed: 12);
        using var connection = DataFolder.OpenDatabase(dir);
        LedgerTable.CreateIfMissing(connection);
        foreach (var e in chain)
        {
            LedgerTable.Insert(connection, null, e);
        }

        Execute(connection, "UPDATE ledger SET kind = @v WHERE seq = 3", new byte[] { 0xff, 0x41 });
        Execute(connection, "UPDATE ledger SET timestamp = 12 WHERE seq = 4", null);
        var read = LedgerTable.ReadAll(connection).ToList();

        Assert.Equal("\ufffdA", read[2].Kind);
        Assert.Equal("12", read[3].Timestamp);
        var result = LedgerVerifier.Verify(read, key.PublicKey);
        Assert.Equal((false, 3L, LedgerCheck.HashMismatch), (result.Ok, result.FirstBadSequence, result.FailedCheck));
    }

    [Fact]
    public void ServerKeyFile_CreatedOnceWithMode600_LoadedAfterwards()
    {
        var folder = Path.Combine(dir, "data");

        var first = ServerKeyFile.LoadOrCreate(folder);
        var second = ServerKeyFile.LoadOrCreate(folder);

        Assert.Equal(first.PublicKeyBase64, second.PublicKeyBase64);
        Assert.Equal(first.PublicKeyBase64, ServerKeyFile.Load(folder).PublicKeyBase64);
        Assert.Equal(Convert.ToBase64String(first.PrivateKey), File.ReadAllText(ServerKeyFile.PathIn(folder)).Trim());
        Assert.Single(Directory.GetFiles(folder));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(ServerKeyFile.PathIn(folder)));
        }
    }

    [Fact]
    public void ServerKeyFile_Garbage_InvalidDataException()
    {
        File.WriteAllText(ServerKeyFile.PathIn(dir), "not a key");

        Assert.Throws<InvalidDataException>(() => ServerKeyFile.LoadOrCreate(dir));
        Assert.Throws<FileNotFoundException>(() => ServerKeyFile.Load(Path.Combine(dir, "missing")));
    }

    private static string Pragma(SqliteConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name}";
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture)!;
    }

    private static void Execute(SqliteConnection connection, string sql, object? value)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (value is not null)
        {
            command.Parameters.AddWithValue("@v", value);
        }

        command.ExecuteNonQuery();
    }
}
