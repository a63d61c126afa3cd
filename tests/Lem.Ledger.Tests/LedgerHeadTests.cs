using System.Text;
using System.Text.Json.Nodes;

namespace Lem.Ledger.Tests;

public sealed class LedgerHeadTests
{
    private static readonly Ed25519KeyPair Key = Ed25519KeyPair.FromPrivateKey(Convert.FromHexString("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
    private static readonly Ed25519KeyPair OtherKey = Ed25519KeyPair.FromPrivateKey(Convert.FromHexString("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb"));

    private static LedgerEntry Chain(int count)
    {
        LedgerEntry? last = null;
        for (var i = 0; i < count; i++)
        {
            last = LedgerChain.Append(last, "batch", new JsonObject { ["i"] = i }, new DateTimeOffset(2026, 3, 1, 8, 0, i, TimeSpan.Zero), Key);
        }

        return last!;
    }

    [Fact]
    public void Sign_SignsTheHandWrittenStatement()
    {
        var last = Chain(3);
        var head = LedgerHead.Sign(last, Key);

        Assert.Equal(3, head.Sequence);
        Assert.Equal(last.Hash, head.Hash);
        Assert.Equal(last.Timestamp, head.Time);
        var statement = $"{{\"hash\":\"{last.Hash}\",\"sequence\":3,\"time\":\"2026-03-01T08:00:02.0000000Z\",\"type\":\"lem.ledger.head\"}}";
        Assert.True(Ed25519.Verify(Key.PublicKey, Encoding.UTF8.GetBytes(statement), Convert.FromBase64String(head.Signature)));
        Assert.True(head.Verify(Key.PublicKey));
    }

    [Fact]
    public void Verify_AnyChangedField_OrAnotherKey_Fails()
    {
        var head = LedgerHead.Sign(Chain(3), Key);
        Assert.False(head.Verify(OtherKey.PublicKey));
        Assert.False((head with { Sequence = 2 }).Verify(Key.PublicKey));
        Assert.False((head with { Hash = Chain(2).Hash }).Verify(Key.PublicKey));
        Assert.False((head with { Time = "2026-03-01T08:00:03.0000000Z" }).Verify(Key.PublicKey));
        Assert.False((head with { Signature = LedgerHead.Sign(Chain(2), Key).Signature }).Verify(Key.PublicKey));
        Assert.False((head with { Signature = "not base64" }).Verify(Key.PublicKey));
    }

    [Fact]
    public void EmptyLedger_HeadZeroWithZeroHash()
    {
        var head = LedgerHead.Sign(null, Key);
        Assert.Equal(0, head.Sequence);
        Assert.Equal(new string('0', 64), head.Hash);
        Assert.True(head.Verify(Key.PublicKey));
    }

    [Fact]
    public void ToJson_TryParse_RoundTrips_AndMalformedTextIsRefused()
    {
        var head = LedgerHead.Sign(Chain(2), Key);
        var json = head.ToJson(Key.PublicKeyBase64);
        Assert.Equal(Key.PublicKeyBase64, json["public_key"]!.GetValue<string>());
        Assert.True(LedgerHead.TryParse(json.ToJsonString(), out var back, out _));
        Assert.Equal(head, back);
        Assert.False(LedgerHead.TryParse("{\"seq\":\"2\",\"hash\":\"x\",\"time\":\"\",\"signature\":\"\"}", out _, out var error));
        Assert.Contains("seq", error, StringComparison.Ordinal);
        Assert.False(LedgerHead.TryParse("not json", out _, out _));
        Assert.False(LedgerHead.TryParse("[]", out _, out _));
    }
}
