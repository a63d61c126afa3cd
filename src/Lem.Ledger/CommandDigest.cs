using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Lem.Ledger;

/// <summary>
/// The digest that binds one stored command of the server's command log to its ledger record: lower-case hex SHA-256 of
/// the canonical JSON (RFC 8785) of <c>{"kind","payload","sequence","time"}</c>, where <c>payload</c> and <c>time</c> are
/// the exact texts of the stored row (the payload as a JSON string, not re-parsed), so any change to a stored byte of
/// the row, or moving it to another sequence number, changes the digest. See <c>docs/ledger.md</c>.
/// </summary>
public static class CommandDigest
{
    /// <summary>The digest of one stored command row.</summary>
    /// <param name="sequence">The command's sequence number.</param>
    /// <param name="time">The stored time text.</param>
    /// <param name="kind">The command kind.</param>
    /// <param name="payloadJson">The stored payload text.</param>
    /// <exception cref="ArgumentException">A text holds a lone surrogate (it has no canonical form).</exception>
    public static string Compute(long sequence, string time, string kind, string payloadJson)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(payloadJson);
        var row = new JsonObject
        {
            ["kind"] = kind,
            ["payload"] = payloadJson,
            ["sequence"] = sequence,
            ["time"] = time,
        };
        return Hex.Encode(SHA256.HashData(CanonicalJson.Serialize(row)));
    }

    /// <summary>Like <see cref="Compute"/>, but null when a text has no canonical form (a tampered row that cannot match).</summary>
    public static string? TryCompute(long sequence, string time, string kind, string payloadJson)
    {
        try
        {
            return Compute(sequence, time, kind, payloadJson);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
