using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Lem.Ledger;

/// <summary>
/// Commit-reveal for sealed-bid call auctions: before gate closure a participant publishes the commitment
/// SHA-256(canonical JSON of the bid ‖ salt) in hex; after closure it reveals bid and salt, and the server keeps the bid
/// only when they match. Salts have at least <see cref="MinimumSaltBytes"/> random bytes so a commitment cannot be
/// opened by guessing the bid.
/// </summary>
public static class SealedBid
{
    /// <summary>The shortest salt accepted, in bytes.</summary>
    public const int MinimumSaltBytes = 16;

    /// <summary>The commitment to <paramref name="bid"/> with <paramref name="salt"/>: lower-case hex SHA-256.</summary>
    /// <exception cref="ArgumentException">The salt is shorter than <see cref="MinimumSaltBytes"/> or the bid has no canonical JSON form.</exception>
    public static string Commitment(JsonNode bid, byte[] salt)
    {
        ArgumentNullException.ThrowIfNull(bid);
        ArgumentNullException.ThrowIfNull(salt);
        if (salt.Length < MinimumSaltBytes)
        {
            throw new ArgumentException($"A sealed-bid salt needs at least {MinimumSaltBytes} bytes; this one has {salt.Length}.", nameof(salt));
        }

        return Hex.Encode(Digest(bid, salt));
    }

    /// <summary>A fresh random salt of <see cref="MinimumSaltBytes"/> × 2 bytes.</summary>
    public static byte[] NewSalt() => RandomNumberGenerator.GetBytes(2 * MinimumSaltBytes);

    /// <summary>
    /// True when revealing <paramref name="bid"/> with <paramref name="salt"/> opens <paramref name="commitment"/>.
    /// A salt shorter than <see cref="MinimumSaltBytes"/> or a commitment that is not 64 hex digits never matches.
    /// </summary>
    public static bool Matches(string commitment, JsonNode bid, byte[] salt)
    {
        ArgumentNullException.ThrowIfNull(bid);
        ArgumentNullException.ThrowIfNull(salt);
        if (salt.Length < MinimumSaltBytes || !Hex.TryDecode(commitment?.ToLowerInvariant(), 32, out var expected))
        {
            return false;
        }

        byte[] actual;
        try
        {
            actual = Digest(bid, salt);
        }
        catch (ArgumentException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    private static byte[] Digest(JsonNode bid, byte[] salt)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(CanonicalJson.Serialize(bid));
        sha.AppendData(salt);
        return sha.GetHashAndReset();
    }
}
