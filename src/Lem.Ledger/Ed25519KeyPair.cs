using System.Security.Cryptography;
using BcEd25519 = Org.BouncyCastle.Math.EC.Rfc8032.Ed25519;

namespace Lem.Ledger;

/// <summary>
/// An Ed25519 key pair (RFC 8032): the 32-byte private key (the seed) and the 32-byte public key derived from it.
/// Signatures are 64 bytes. In JSON, keys and signatures travel as base64.
/// </summary>
public sealed class Ed25519KeyPair
{
    private readonly byte[] privateKey;
    private readonly byte[] publicKey;

    private Ed25519KeyPair(byte[] privateKey)
    {
        this.privateKey = privateKey;
        publicKey = new byte[Ed25519.PublicKeySizeBytes];
        BcEd25519.GeneratePublicKey(privateKey, 0, publicKey, 0);
    }

    /// <summary>A copy of the 32-byte private key (keep it secret).</summary>
    public byte[] PrivateKey => (byte[])privateKey.Clone();

    /// <summary>A copy of the 32-byte public key.</summary>
    public byte[] PublicKey => (byte[])publicKey.Clone();

    /// <summary>The public key in base64, as it appears in JSON.</summary>
    public string PublicKeyBase64 => Convert.ToBase64String(publicKey);

    /// <summary>Creates a new key pair from 32 bytes of the operating system's cryptographic random generator.</summary>
    public static Ed25519KeyPair Generate() => new(RandomNumberGenerator.GetBytes(Ed25519.PrivateKeySizeBytes));

    /// <summary>Rebuilds the key pair from its 32-byte private key.</summary>
    /// <exception cref="ArgumentException">The key is not 32 bytes long.</exception>
    public static Ed25519KeyPair FromPrivateKey(byte[] privateKey)
    {
        ArgumentNullException.ThrowIfNull(privateKey);
        if (privateKey.Length != Ed25519.PrivateKeySizeBytes)
        {
            throw new ArgumentException($"An Ed25519 private key has {Ed25519.PrivateKeySizeBytes} bytes; this one has {privateKey.Length}.", nameof(privateKey));
        }

        return new Ed25519KeyPair((byte[])privateKey.Clone());
    }

    /// <summary>Signs <paramref name="message"/> and returns the 64-byte signature (deterministic, as RFC 8032 specifies).</summary>
    public byte[] Sign(byte[] message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var signature = new byte[Ed25519.SignatureSizeBytes];
        BcEd25519.Sign(privateKey, 0, message, 0, message.Length, signature, 0);
        return signature;
    }

    /// <summary>Describes the key by its public half only, so the private key never lands in a log.</summary>
    public override string ToString() => $"Ed25519 key {PublicKeyBase64}";
}
