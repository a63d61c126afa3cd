using Lem.Ledger;
using Lem.Server.Store;

namespace Lem.Server.Tests;

/// <summary>
/// The head file's two copies (docs/ledger.md, "The head file"): the newest copy signed by the server's key wins, and a
/// write torn by a crash in the copy being overwritten leaves the other copy's head, where a single file rewritten in
/// place would leave no head at all.
/// </summary>
public sealed class LedgerHeadFileTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "lem-server-tests", "head-" + Guid.NewGuid().ToString("N"));
    private readonly Ed25519KeyPair _key = Ed25519KeyPair.Generate();

    public LedgerHeadFileTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, true);

    private static LedgerHead Head(long sequence, Ed25519KeyPair key)
    {
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(sequence)));
        var time = $"2026-03-01T08:00:{sequence % 60:00}.0000000Z";
        return new LedgerHead(sequence, hash, time, Convert.ToBase64String(key.Sign(LedgerHead.Statement(sequence, hash, time))));
    }

    [Fact]
    public void The_newest_signed_copy_wins_whichever_copy_holds_it()
    {
        LedgerHeadFile.Write(_dir, 0, Head(5, _key), flushToDisk: true);
        LedgerHeadFile.Write(_dir, 1, Head(9, _key), flushToDisk: true);
        Assert.Equal(9, LedgerHeadFile.Read(_dir, _key.PublicKey)!.Sequence);

        // The next write goes in place to copy 0; copy 0 now holds the newest head.
        LedgerHeadFile.Write(_dir, 0, Head(12, _key), flushToDisk: true);
        Assert.Equal(12, LedgerHeadFile.Read(_dir, _key.PublicKey)!.Sequence);
        Assert.All([0, 1], copy => Assert.Equal(LedgerHeadFile.PaddedSize, new FileInfo(LedgerHeadFile.PathIn(_dir, copy)).Length));
        Assert.Equal(["ledger-head.alt.json", "ledger-head.json"], Directory.GetFiles(_dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_torn_write_of_one_copy_leaves_the_other_copys_head()
    {
        LedgerHeadFile.Write(_dir, 0, Head(5, _key), flushToDisk: true);
        LedgerHeadFile.Write(_dir, 1, Head(9, _key), flushToDisk: true);
        var path = LedgerHeadFile.PathIn(_dir, 0);
        var before = File.ReadAllBytes(path);

        // The bytes copy 0 would hold after writing head 12, of which only the first 40 reached the disk.
        var scratch = Path.Combine(_dir, "scratch");
        Directory.CreateDirectory(scratch);
        LedgerHeadFile.Write(scratch, 0, Head(12, _key), flushToDisk: false);
        var after = File.ReadAllBytes(LedgerHeadFile.PathIn(scratch, 0));
        Directory.Delete(scratch, true);
        var torn = after[..40].Concat(before[40..]).ToArray();
        Assert.Equal(before.Length, torn.Length);
        File.WriteAllBytes(path, torn);
        Assert.False(LedgerHead.TryParse(System.Text.Encoding.UTF8.GetString(torn), out var parsed, out _) && parsed!.Verify(_key.PublicKey));

        Assert.Equal(9, LedgerHeadFile.Read(_dir, _key.PublicKey)!.Sequence);

        // Torn in a way that still parses: the new sequence with the old signature. Not signed, so passed over too.
        var forged = Head(5, _key) with { Sequence = 12 };
        File.WriteAllText(path, forged.ToJson().ToJsonString());
        Assert.Equal(9, LedgerHeadFile.Read(_dir, _key.PublicKey)!.Sequence);
    }

    [Fact]
    public void No_valid_copy_is_an_error_naming_each_copy_and_no_copy_is_no_head()
    {
        Assert.Null(LedgerHeadFile.Read(_dir, _key.PublicKey));
        File.WriteAllText(LedgerHeadFile.PathIn(_dir, 0), "{\"seq\": 3, \"ha");
        LedgerHeadFile.Write(_dir, 1, Head(9, Ed25519KeyPair.Generate()), flushToDisk: true);
        var error = Assert.Throws<InvalidDataException>(() => LedgerHeadFile.Read(_dir, _key.PublicKey));
        Assert.Contains($"{LedgerHeadFile.PathIn(_dir, 0)} is not a ledger head", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{LedgerHeadFile.PathIn(_dir, 1)}: the ledger head (record 9) is not signed by this server's key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_head_file_of_the_single_copy_format_is_read_and_then_rewritten_at_the_padded_size()
    {
        // Servers before the second copy wrote ledger-head.json unpadded, renamed into place.
        File.WriteAllText(LedgerHeadFile.PathIn(_dir, 0), Head(7, _key).ToJson().ToJsonString() + "\n");
        Assert.Equal(7, LedgerHeadFile.Read(_dir, _key.PublicKey)!.Sequence);
        LedgerHeadFile.Write(_dir, 0, Head(8, _key), flushToDisk: true);
        Assert.Equal(LedgerHeadFile.PaddedSize, new FileInfo(LedgerHeadFile.PathIn(_dir, 0)).Length);
        Assert.Equal(8, LedgerHeadFile.Read(_dir, _key.PublicKey)!.Sequence);
    }
}
