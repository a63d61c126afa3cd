using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Lem.Testing;

namespace Lem.Ledger.Tests;

public sealed class LedgerChainTests
{
    private static readonly Ed25519KeyPair Key = Ed25519KeyPair.FromPrivateKey(Convert.FromHexString("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));

    [Fact]
    public void Append_FirstRecord_HashAndSignatureMatchHandWrittenCanonicalForm()
    {
        var payload = new JsonObject { ["quantity_kwh"] = 10, ["order_id"] = "b1-0", ["price_eur_per_mwh"] = 85.5 };
        var at = new DateTimeOffset(2026, 6, 21, 10, 0, 0, TimeSpan.FromHours(2));

        var entry = LedgerChain.Append(null, "order.accepted", payload, at, Key);

        // The record written out by hand: keys sorted, no whitespace, the payload canonical, the time in UTC.
        var zeros = new string('0', 64);
        var record = "{\"kind\":\"order.accepted\",\"payload\":{\"order_id\":\"b1-0\",\"price_eur_per_mwh\":85.5,\"quantity_kwh\":10}," +
                     $"\"previous_hash\":\"{zeros}\",\"sequence\":1,\"timestamp\":\"2026-06-21T08:00:00.0000000Z\"}}";
        var expected = SHA256.HashData([.. new byte[32], .. Encoding.UTF8.GetBytes(record)]);

        Assert.Equal(1, entry.Sequence);
        Assert.Equal(zeros, entry.PreviousHash);
        Assert.Equal("{\"order_id\":\"b1-0\",\"price_eur_per_mwh\":85.5,\"quantity_kwh\":10}", entry.PayloadJson);
        Assert.Equal("2026-06-21T08:00:00.0000000Z", entry.Timestamp);
        Assert.Equal(Convert.ToHexStringLower(expected), entry.Hash);
        Assert.True(Ed25519.Verify(Key.PublicKey, expected, Convert.FromBase64String(entry.Signature)));

        var second = LedgerChain.Append(entry, "gate.cleared", new JsonObject(), at.AddSeconds(1), Key);
        Assert.Equal(2, second.Sequence);
        Assert.Equal(entry.Hash, second.PreviousHash);
        var record2 = $"{{\"kind\":\"gate.cleared\",\"payload\":{{}},\"previous_hash\":\"{entry.Hash}\",\"sequence\":2,\"timestamp\":\"2026-06-21T08:00:01.0000000Z\"}}";
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData([.. expected, .. Encoding.UTF8.GetBytes(record2)])), second.Hash);
    }

    [Fact]
    public void Verify_ThousandRandomEntries_Valid()
    {
        var chain = LedgerTestData.Chain(1000, Key, seed: 1);

        var result = LedgerVerifier.Verify(chain, Key.PublicKey);

        Assert.True(result.Ok, result.Reason);
        Assert.Equal(1000, result.Count);
        Assert.Null(result.FirstBadSequence);
        Assert.Equal(chain[^1].Hash, result.HeadHash);
        Assert.Equal(1000, chain.Select(e => e.Hash).Distinct().Count());
    }

    [Fact]
    public void Verify_Empty_ValidWithNoRecords()
    {
        var result = LedgerVerifier.Verify([], Key.PublicKey);

        Assert.True(result.Ok);
        Assert.Equal(0, result.Count);
        Assert.Null(result.HeadHash);
    }

    [Fact]
    public void Verify_WrongServerKey_BadSignatureAtRecord1()
    {
        var chain = LedgerTestData.Chain(20, Key, seed: 2);

        var result = LedgerVerifier.Verify(chain, Ed25519KeyPair.Generate().PublicKey);

        Assert.False(result.Ok);
        Assert.Equal(1, result.FirstBadSequence);
        Assert.Equal(LedgerCheck.BadSignature, result.FailedCheck);
        Assert.Equal(20, result.Count);
    }

    [Fact]
    public void Verify_DeletedRecord_SequenceGapNamesTheMissingRecord()
    {
        var chain = LedgerTestData.Chain(20, Key, seed: 3);
        chain.RemoveAt(6); // record 7

        var result = LedgerVerifier.Verify(chain, Key.PublicKey);

        Assert.Equal((false, 7L, LedgerCheck.SequenceGap), (result.Ok, result.FirstBadSequence, result.FailedCheck));
        Assert.Equal(19, result.Count);
    }

    [Fact]
    public void Verify_DeletedLastRecord_UndetectableByTheChainAlone()
    {
        // Truncation leaves a valid shorter chain; only a published head hash or Merkle root reveals it.
        var chain = LedgerTestData.Chain(20, Key, seed: 4);
        var head = chain[^1].Hash;
        chain.RemoveAt(19);

        var result = LedgerVerifier.Verify(chain, Key.PublicKey);

        Assert.True(result.Ok);
        Assert.NotEqual(head, result.HeadHash);
    }

    [Fact]
    public void Verify_SwappedRecords_DetectedAtTheFirstSwappedPosition()
    {
        var chain = LedgerTestData.Chain(20, Key, seed: 5);
        (chain[9], chain[10]) = (chain[10], chain[9]);

        var result = LedgerVerifier.Verify(chain, Key.PublicKey);

        Assert.Equal((false, 10L, LedgerCheck.SequenceGap), (result.Ok, result.FirstBadSequence, result.FailedCheck));
    }

    [Fact]
    public void Verify_SwappedContentsKeepingNumbers_PreviousHashMismatch()
    {
        var chain = LedgerTestData.Chain(20, Key, seed: 6);
        var (a, b) = (chain[9], chain[10]);
        chain[9] = b with { Sequence = a.Sequence };
        chain[10] = a with { Sequence = b.Sequence };

        var result = LedgerVerifier.Verify(chain, Key.PublicKey);

        Assert.Equal((false, 10L, LedgerCheck.PreviousHashMismatch), (result.Ok, result.FirstBadSequence, result.FailedCheck));
    }

    [Fact]
    public void Verify_EditedPayloadResigned_WithoutRelinking_NextRecordFails()
    {
        // An attacker with the server key rewrites record 5 consistently (new hash, new signature); record 6 still links
        // to the old hash.
        var chain = LedgerTestData.Chain(10, Key, seed: 7);
        chain[4] = LedgerChain.Append(chain[3], chain[4].Kind, new JsonObject { ["forged"] = true }, LedgerTestData.Start, Key);

        var result = LedgerVerifier.Verify(chain, Key.PublicKey);

        Assert.Equal((false, 6L, LedgerCheck.PreviousHashMismatch), (result.Ok, result.FirstBadSequence, result.FailedCheck));
    }

    [Theory]
    [InlineData("payload", LedgerCheck.NonCanonicalPayload)]
    [InlineData("payload-value", LedgerCheck.HashMismatch)]
    [InlineData("kind", LedgerCheck.HashMismatch)]
    [InlineData("timestamp", LedgerCheck.HashMismatch)]
    [InlineData("timestamp-format", LedgerCheck.MalformedRecord)]
    [InlineData("hash", LedgerCheck.HashMismatch)]
    [InlineData("hash-uppercase", LedgerCheck.HashMismatch)]
    [InlineData("previous", LedgerCheck.PreviousHashMismatch)]
    [InlineData("signature", LedgerCheck.BadSignature)]
    [InlineData("signature-whitespace", LedgerCheck.BadSignature)]
    public void Verify_OneFieldChanged_NamesThatRecordAndCheck(string field, LedgerCheck check)
    {
        var chain = LedgerTestData.Chain(12, Key, seed: 8);
        var e = chain[7];
        chain[7] = field switch
        {
            "payload" => e with { PayloadJson = e.PayloadJson.Replace(",", ", ", StringComparison.Ordinal) },
            "payload-value" => e with { PayloadJson = e.PayloadJson.Replace("\"o-7\"", "\"o-8\"", StringComparison.Ordinal) },
            "kind" => e with { Kind = e.Kind + "x" },
            "timestamp" => e with { Timestamp = "2027" + e.Timestamp[4..] },
            "timestamp-format" => e with { Timestamp = e.Timestamp.Replace("Z", "+00:00", StringComparison.Ordinal) },
            "hash" => e with { Hash = new string('a', 64) },
            "hash-uppercase" => e with { Hash = e.Hash.ToUpperInvariant() },
            "previous" => e with { PreviousHash = chain[5].Hash },
            "signature" => e with { Signature = chain[6].Signature },
            _ => e with { Signature = e.Signature + " " },
        };

        var result = LedgerVerifier.Verify(chain, Key.PublicKey);

        Assert.False(result.Ok);
        Assert.Equal(8, result.FirstBadSequence);
        Assert.Equal(check, result.FailedCheck);
        Assert.False(string.IsNullOrEmpty(result.Reason));
    }

    [Fact]
    public void Append_NonFinitePayload_Throws() =>
        Assert.Throws<ArgumentException>(() => LedgerChain.Append(null, "order.accepted", new JsonObject { ["price"] = double.NaN }, LedgerTestData.Start, Key));
}
