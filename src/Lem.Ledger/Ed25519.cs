using BcEd25519 = Org.BouncyCastle.Math.EC.Rfc8032.Ed25519;

namespace Lem.Ledger;

/// <summary>Ed25519 signature verification (RFC 8032) and the sizes of its keys and signatures.</summary>
public static class Ed25519
{
    /// <summary>Bytes in a private key (the seed).</summary>
    public const int PrivateKeySizeBytes = 32;

    /// <summary>Bytes in a public key.</summary>
    public const int PublicKeySizeBytes = 32;

    /// <summary>Bytes in a signature.</summary>
    public const int SignatureSizeBytes = 64;

    /// <summary>
    /// True when <paramref name="signature"/> is a valid signature of <paramref name="message"/> under
    /// <paramref name="publicKey"/>. Keys and signatures of the wrong length, or a public key that is not a curve point,
    /// give false rather than an exception.
    /// </summary>
    public static bool Verify(byte[] publicKey, byte[] message, byte[] signature)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(signature);
        if (publicKey.Length != PublicKeySizeBytes || signature.Length != SignatureSizeBytes)
        {
            return false;
        }

        try
        {
            return BcEd25519.Verify(signature, 0, publicKey, 0, message, 0, message.Length);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>
    /// Verifies a signature given in base64 against a public key in base64. Text that is not canonical base64 (the form
    /// <see cref="Convert.ToBase64String(byte[])"/> writes) is refused, so one signature has exactly one stored form.
    /// </summary>
    public static bool VerifyBase64(string publicKeyBase64, byte[] message, string signatureBase64)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Base64.TryDecodeCanonical(publicKeyBase64, out var key)
            && Base64.TryDecodeCanonical(signatureBase64, out var signature)
            && Verify(key, message, signature);
    }
}
