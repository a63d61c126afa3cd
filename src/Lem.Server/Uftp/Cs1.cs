namespace Lem.Server.Uftp;

/// <summary>
/// The UFTP cryptographic scheme 1 (CS1) for signatures (docs/uftp.md, "Signatures"): a sealed message is the NaCl
/// <c>crypto_sign</c> form, the 64-byte Ed25519 signature followed by the signed bytes; opening verifies the signature
/// and returns the bytes. Public keys travel as <c>cs1.</c> followed by the base64 of the 32-byte signing key and the
/// 32-byte encryption key (the encryption key is not used: Lem neither seals nor opens encrypted sections).
/// </summary>
internal static class Cs1
{
    /// <summary>The prefix of a CS1 public key string.</summary>
    public const string KeyPrefix = "cs1.";

    /// <summary>Signs <paramref name="message"/>: the signature followed by the message.</summary>
    public static byte[] Seal(Ed25519KeyPair key, byte[] message)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(message);
        return [.. key.Sign(message), .. message];
    }

    /// <summary>Verifies a sealed message; the signed bytes when the signature is valid under <paramref name="publicKey"/>, null otherwise.</summary>
    public static byte[]? Open(byte[] publicKey, byte[] sealedMessage)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        ArgumentNullException.ThrowIfNull(sealedMessage);
        if (sealedMessage.Length < Ed25519.SignatureSizeBytes)
        {
            return null;
        }

        var signature = sealedMessage[..Ed25519.SignatureSizeBytes];
        var message = sealedMessage[Ed25519.SignatureSizeBytes..];
        return Ed25519.Verify(publicKey, message, signature) ? message : null;
    }

    /// <summary>
    /// The 32-byte signing key of a public key text: a CS1 key string (<c>cs1.</c> + base64 of 64 bytes) or the plain
    /// base64 of a 32-byte Ed25519 key; null when the text is neither.
    /// </summary>
    public static byte[]? SigningKey(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var cs1 = text.StartsWith(KeyPrefix, StringComparison.Ordinal);
        var base64 = cs1 ? text[KeyPrefix.Length..] : text;
        var bytes = new byte[(base64.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64String(base64, bytes, out var written))
        {
            return null;
        }

        var expected = cs1 ? 2 * Ed25519.PublicKeySizeBytes : Ed25519.PublicKeySizeBytes;
        return written == expected ? bytes[..Ed25519.PublicKeySizeBytes] : null;
    }

    /// <summary>The CS1 key string of a signing key (the unused encryption half is zero).</summary>
    public static string KeyString(byte[] signingKey)
    {
        ArgumentNullException.ThrowIfNull(signingKey);
        return KeyPrefix + Convert.ToBase64String([.. signingKey, .. new byte[Ed25519.PublicKeySizeBytes]]);
    }
}
