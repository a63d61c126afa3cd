using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Lem.Ledger.Tests;

public sealed class SealedBidTests
{
    private static readonly byte[] Salt = Convert.FromHexString("000102030405060708090a0b0c0d0e0f");

    [Fact]
    public void Commitment_IsSha256OfCanonicalBidThenSalt()
    {
        var bid = JsonNode.Parse("{ \"side\": \"buy\", \"price_eur_per_mwh\": 120.50, \"quantity_kwh\": 5 }")!;

        var commitment = SealedBid.Commitment(bid, Salt);

        var expected = SHA256.HashData([.. Encoding.UTF8.GetBytes("{\"price_eur_per_mwh\":120.5,\"quantity_kwh\":5,\"side\":\"buy\"}"), .. Salt]);
        Assert.Equal(Convert.ToHexStringLower(expected), commitment);
        Assert.True(SealedBid.Matches(commitment, JsonNode.Parse("{\"quantity_kwh\":5,\"side\":\"buy\",\"price_eur_per_mwh\":120.5}")!, Salt));
        Assert.True(SealedBid.Matches(commitment.ToUpperInvariant(), bid, Salt));
    }

    [Fact]
    public void Matches_ChangedBidSaltOrCommitment_False()
    {
        var bid = new JsonObject { ["side"] = "sell", ["price_eur_per_mwh"] = 40, ["quantity_kwh"] = 12 };
        var salt = SealedBid.NewSalt();
        var commitment = SealedBid.Commitment(bid, salt);

        Assert.True(SealedBid.Matches(commitment, bid, salt));
        Assert.False(SealedBid.Matches(commitment, new JsonObject { ["side"] = "sell", ["price_eur_per_mwh"] = 41, ["quantity_kwh"] = 12 }, salt));
        var otherSalt = (byte[])salt.Clone();
        otherSalt[^1] ^= 1;
        Assert.False(SealedBid.Matches(commitment, bid, otherSalt));
        Assert.False(SealedBid.Matches(commitment[..63] + (commitment[63] == '0' ? '1' : '0'), bid, salt));
        Assert.False(SealedBid.Matches("not hex", bid, salt));
    }

    [Fact]
    public void ShortSalt_RefusedOnCommitAndNeverMatches()
    {
        var bid = new JsonObject { ["price_eur_per_mwh"] = 1 };
        var shortSalt = new byte[15];

        Assert.Throws<ArgumentException>(() => SealedBid.Commitment(bid, shortSalt));
        var digest = Convert.ToHexStringLower(SHA256.HashData([.. CanonicalJson.Serialize(bid), .. shortSalt]));
        Assert.False(SealedBid.Matches(digest, bid, shortSalt));
    }
}
