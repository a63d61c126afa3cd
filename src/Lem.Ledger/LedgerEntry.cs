using System.Text.Json.Nodes;

namespace Lem.Ledger;

/// <summary>
/// One record of the hash chain. <see cref="Hash"/> is the lower-case hex SHA-256 over the 32 bytes of
/// <see cref="PreviousHash"/> followed by the canonical JSON of
/// <c>{"kind", "payload", "previous_hash", "sequence", "timestamp"}</c>; <see cref="Signature"/> is the server's
/// Ed25519 signature of the 32 hash bytes, in base64. See <see cref="LedgerChain"/>.
/// </summary>
/// <param name="Sequence">The position in the chain, counting from 1 without gaps.</param>
/// <param name="Kind">What the record is, e.g. <c>order.accepted</c> or <c>gate.cleared</c>.</param>
/// <param name="PayloadJson">The payload as canonical JSON text (RFC 8785).</param>
/// <param name="PreviousHash">The hash of the record before, in lower-case hex; 64 zeros for the first record.</param>
/// <param name="Hash">This record's hash in lower-case hex.</param>
/// <param name="Timestamp">When the server appended the record, UTC, <c>yyyy-MM-ddTHH:mm:ss.fffffffZ</c>.</param>
/// <param name="Signature">The server's Ed25519 signature of the hash bytes, base64.</param>
public sealed record LedgerEntry(
    long Sequence,
    string Kind,
    string PayloadJson,
    string PreviousHash,
    string Hash,
    string Timestamp,
    string Signature)
{
    /// <summary>
    /// The record as JSON for the public API, with snake_case names and the payload as a JSON value:
    /// <c>{"sequence","kind","payload","previous_hash","hash","timestamp","signature"}</c>.
    /// </summary>
    public JsonObject ToJson() => new()
    {
        ["sequence"] = Sequence,
        ["kind"] = Kind,
        ["payload"] = JsonNode.Parse(PayloadJson),
        ["previous_hash"] = PreviousHash,
        ["hash"] = Hash,
        ["timestamp"] = Timestamp,
        ["signature"] = Signature,
    };
}
