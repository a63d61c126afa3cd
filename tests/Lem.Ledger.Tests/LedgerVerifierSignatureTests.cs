using System.Text.Json.Nodes;

namespace Lem.Ledger.Tests;

public sealed class LedgerVerifierSignatureTests
{
    private static readonly Ed25519KeyPair Key = Ed25519KeyPair.FromPrivateKey(Convert.FromHexString("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));

    private static List<LedgerEntry> Chain(int count)
    {
        var list = new List<LedgerEntry>();
        for (var i = 0; i < count; i++)
        {
            list.Add(LedgerChain.Append(list.LastOrDefault(), "batch", new JsonObject { ["i"] = i }, new DateTimeOffset(2026, 3, 1, 8, 0, i, TimeSpan.Zero), Key));
        }

        return list;
    }

    [Fact]
    public void HeadOnly_SkipsTheSignaturesBeforeTheLast_ButNotTheLinks()
    {
        var chain = Chain(5);
        chain[2] = chain[2] with { Signature = chain[1].Signature };

        var every = LedgerVerifier.Verify(chain, Key.PublicKey);
        Assert.False(every.Ok);
        Assert.Equal(3, every.FirstBadSequence);
        Assert.Equal(LedgerCheck.BadSignature, every.FailedCheck);

        var headOnly = LedgerVerifier.Verify(chain, Key.PublicKey, LedgerSignatureCheck.HeadOnly);
        Assert.True(headOnly.Ok);
        Assert.Equal(chain[^1].Hash, headOnly.HeadHash);
        Assert.Equal(5, headOnly.Count);
    }

    [Fact]
    public void HeadOnly_ABadLastSignature_OrARewrittenMiddleRecord_Fails()
    {
        var chain = Chain(5);
        var badHead = chain.ToList();
        badHead[4] = badHead[4] with { Signature = chain[3].Signature };
        var r = LedgerVerifier.Verify(badHead, Key.PublicKey, LedgerSignatureCheck.HeadOnly);
        Assert.False(r.Ok);
        Assert.Equal(5, r.FirstBadSequence);
        Assert.Equal(LedgerCheck.BadSignature, r.FailedCheck);

        // Record 2 rewritten and every later record rehashed and re-linked (but not re-signable without the key): the
        // chain's links all check, only the head's signature gives it away.
        var forged = new List<LedgerEntry> { chain[0] };
        var other = Ed25519KeyPair.Generate();
        for (var i = 1; i < 5; i++)
        {
            var e = LedgerChain.Append(forged[^1], "batch", new JsonObject { ["i"] = i == 1 ? 999 : i }, new DateTimeOffset(2026, 3, 1, 8, 0, i, TimeSpan.Zero), other);
            forged.Add(e);
        }

        var f = LedgerVerifier.Verify(forged, Key.PublicKey, LedgerSignatureCheck.HeadOnly);
        Assert.False(f.Ok);
        Assert.Equal(5, f.FirstBadSequence);
        Assert.Equal(2, LedgerVerifier.Verify(forged, Key.PublicKey).FirstBadSequence);
    }
}
