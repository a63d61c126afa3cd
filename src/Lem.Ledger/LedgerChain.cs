using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lem.Ledger;

/// <summary>Builds the records of the hash chain and computes their hashes.</summary>
public static class LedgerChain
{
    /// <summary>The previous hash of the first record: 64 zeros.</summary>
    public static readonly string GenesisPreviousHash = new('0', 64);

    /// <summary>The format of <see cref="LedgerEntry.Timestamp"/> (UTC, seven fraction digits, a literal Z).</summary>
    public const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    /// <summary>
    /// Appends a record after <paramref name="previous"/> (null for the first): canonicalises the payload, links the
    /// previous hash, hashes and signs with the server key.
    /// </summary>
    /// <exception cref="ArgumentException">The kind is empty or the payload has no canonical JSON form.</exception>
    public static LedgerEntry Append(LedgerEntry? previous, string kind, JsonNode payload, DateTimeOffset timestamp, Ed25519KeyPair serverKey)
    {
        ArgumentNullException.ThrowIfNull(serverKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        var sequence = previous is null ? 1 : checked(previous.Sequence + 1);
        var previousHash = previous?.Hash ?? GenesisPreviousHash;
        var payloadJson = CanonicalJson.SerializeToString(payload);
        var stamp = FormatTimestamp(timestamp);
        var hash = ComputeHash(sequence, kind, payloadJson, previousHash, stamp);
        return new LedgerEntry(sequence, kind, payloadJson, previousHash, Hex.Encode(hash), stamp, Convert.ToBase64String(serverKey.Sign(hash)));
    }

    /// <summary>The timestamp as the ledger stores it: UTC, <see cref="TimestampFormat"/>.</summary>
    public static string FormatTimestamp(DateTimeOffset timestamp) =>
        timestamp.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    /// <summary>True when <paramref name="timestamp"/> is exactly in the stored form.</summary>
    public static bool IsWellFormedTimestamp(string timestamp) =>
        DateTime.TryParseExact(timestamp, TimestampFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t)
        && string.Equals(t.ToString(TimestampFormat, CultureInfo.InvariantCulture), timestamp, StringComparison.Ordinal);

    /// <summary>
    /// The canonical JSON bytes of the hashed record: <c>{"kind","payload","previous_hash","sequence","timestamp"}</c>
    /// with the payload parsed from <paramref name="payloadJson"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The payload is not JSON, or the previous hash is not 64 lower-case hex digits.</exception>
    public static byte[] CanonicalRecord(long sequence, string kind, string payloadJson, string previousHash, string timestamp)
    {
        JsonNode? payload;
        try
        {
            payload = JsonNode.Parse(payloadJson);
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"The payload is not valid JSON: {ex.Message}", nameof(payloadJson), ex);
        }

        var record = new JsonObject
        {
            ["kind"] = kind,
            ["payload"] = payload,
            ["previous_hash"] = previousHash,
            ["sequence"] = sequence,
            ["timestamp"] = timestamp,
        };
        return CanonicalJson.Serialize(record);
    }

    /// <summary>SHA-256 over the 32 previous-hash bytes followed by <see cref="CanonicalRecord"/>.</summary>
    /// <exception cref="ArgumentException">The previous hash is not 64 lower-case hex digits, or the payload is not JSON.</exception>
    public static byte[] ComputeHash(long sequence, string kind, string payloadJson, string previousHash, string timestamp)
    {
        if (!Hex.TryDecode(previousHash, 32, out var previous))
        {
            throw new ArgumentException("The previous hash must be 64 lower-case hex digits.", nameof(previousHash));
        }

        var record = CanonicalRecord(sequence, kind, payloadJson, previousHash, timestamp);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(previous);
        sha.AppendData(record);
        return sha.GetHashAndReset();
    }
}
