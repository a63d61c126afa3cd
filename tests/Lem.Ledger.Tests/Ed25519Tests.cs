namespace Lem.Ledger.Tests;

public sealed class Ed25519Tests
{
    // RFC 8032 §7.1, TEST 1 (empty message), TEST 2 (one byte), TEST 3 (two bytes).
    [Theory]
    [InlineData(
        "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
        "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
        "",
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b")]
    [InlineData(
        "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
        "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
        "72",
        "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00")]
    [InlineData(
        "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
        "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
        "af82",
        "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a")]
    public void Rfc8032Vectors_PublicKeySignatureAndVerification(string secretHex, string publicHex, string messageHex, string signatureHex)
    {
        var key = Ed25519KeyPair.FromPrivateKey(Convert.FromHexString(secretHex));
        var message = Convert.FromHexString(messageHex);
        var signature = key.Sign(message);

        Assert.Equal(publicHex, Convert.ToHexStringLower(key.PublicKey));
        Assert.Equal(signatureHex, Convert.ToHexStringLower(signature));
        Assert.True(Ed25519.Verify(Convert.FromHexString(publicHex), message, Convert.FromHexString(signatureHex)));
        Assert.True(Ed25519.VerifyBase64(key.PublicKeyBase64, message, Convert.ToBase64String(signature)));

        // Every single flipped bit of the signature, the message or the key is rejected.
        for (var bit = 0; bit < signature.Length * 8; bit++)
        {
            var bad = (byte[])signature.Clone();
            bad[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.False(Ed25519.Verify(key.PublicKey, message, bad), $"signature bit {bit}");
        }

        var longer = message.Append((byte)0).ToArray();
        Assert.False(Ed25519.Verify(key.PublicKey, longer, signature));
        var otherKey = key.PublicKey;
        otherKey[0] ^= 1;
        Assert.False(Ed25519.Verify(otherKey, message, signature));
    }

    [Fact]
    public void Generate_SignsAndVerifies_KeysDiffer()
    {
        var a = Ed25519KeyPair.Generate();
        var b = Ed25519KeyPair.Generate();
        var message = "order 17"u8.ToArray();

        Assert.True(Ed25519.Verify(a.PublicKey, message, a.Sign(message)));
        Assert.False(Ed25519.Verify(b.PublicKey, message, a.Sign(message)));
        Assert.NotEqual(a.PublicKeyBase64, b.PublicKeyBase64);
        Assert.Equal(a.PublicKeyBase64, Ed25519KeyPair.FromPrivateKey(a.PrivateKey).PublicKeyBase64);
        Assert.DoesNotContain(Convert.ToBase64String(a.PrivateKey), a.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_WrongLengthsOrNonCanonicalBase64_False()
    {
        var key = Ed25519KeyPair.Generate();
        var message = new byte[] { 1, 2, 3 };
        var signature = key.Sign(message);

        Assert.False(Ed25519.Verify(key.PublicKey[..31], message, signature));
        Assert.False(Ed25519.Verify(key.PublicKey, message, signature[..63]));
        Assert.False(Ed25519.VerifyBase64(key.PublicKeyBase64, message, Convert.ToBase64String(signature) + "\n"));
        Assert.False(Ed25519.VerifyBase64(key.PublicKeyBase64, message, "not base64!"));
        Assert.Throws<ArgumentException>(() => Ed25519KeyPair.FromPrivateKey(new byte[31]));
    }
}
