using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lem.Ledger;

/// <summary>
/// A signed statement of the ledger's head: the last record's sequence number, hash and time, signed by the server key.
/// The signature is Ed25519 over the canonical JSON of <c>{"hash","sequence","time","type":"lem.ledger.head"}</c>
/// (<see cref="Statement"/>), so the head can be checked with the public key alone; comparing it with a store later
/// (<c>lem ledger verify --expect-head SEQ:HASH</c>) shows whether the chain was cut or rewritten. An empty ledger has
/// the head 0 with 64 zeros as its hash. See <c>docs/ledger.md</c>.
/// </summary>
/// <param name="Sequence">The last record's sequence number (0 for an empty ledger).</param>
/// <param name="Hash">The last record's hash, lower-case hex (64 zeros for an empty ledger).</param>
/// <param name="Time">The last record's timestamp as stored (empty for an empty ledger).</param>
/// <param name="Signature">The server's Ed25519 signature of <see cref="Statement"/>, base64.</param>
public sealed record LedgerHead(long Sequence, string Hash, string Time, string Signature)
{
    /// <summary>The <c>type</c> member of the signed statement, which keeps a head signature from standing for anything else.</summary>
    public const string StatementType = "lem.ledger.head";

    /// <summary>The bytes the signature covers: canonical JSON of <c>{"hash","sequence","time","type"}</c>.</summary>
    public static byte[] Statement(long sequence, string hash, string time) => CanonicalJson.Serialize(new JsonObject
    {
        ["hash"] = hash,
        ["sequence"] = sequence,
        ["time"] = time,
        ["type"] = StatementType,
    });

    /// <summary>Signs the head after <paramref name="last"/> (null for an empty ledger).</summary>
    public static LedgerHead Sign(LedgerEntry? last, Ed25519KeyPair serverKey)
    {
        ArgumentNullException.ThrowIfNull(serverKey);
        var sequence = last?.Sequence ?? 0;
        var hash = last?.Hash ?? LedgerChain.GenesisPreviousHash;
        var time = last?.Timestamp ?? string.Empty;
        return new LedgerHead(sequence, hash, time, Convert.ToBase64String(serverKey.Sign(Statement(sequence, hash, time))));
    }

    /// <summary>True when the signature is <paramref name="serverPublicKey"/>'s signature of this head's statement.</summary>
    public bool Verify(byte[] serverPublicKey)
    {
        ArgumentNullException.ThrowIfNull(serverPublicKey);
        return Sequence >= 0 && Hex.TryDecode(Hash, 32, out _) && Base64.TryDecodeCanonical(Signature, out var signature)
            && Ed25519.Verify(serverPublicKey, Statement(Sequence, Hash, Time), signature);
    }

    /// <summary>The head as JSON: <c>{"seq","hash","time","signature"}</c>, and <c>public_key</c> when given.</summary>
    public JsonObject ToJson(string? publicKeyBase64 = null)
    {
        var json = new JsonObject
        {
            ["seq"] = Sequence,
            ["hash"] = Hash,
            ["time"] = Time,
            ["signature"] = Signature,
        };
        if (publicKeyBase64 is not null)
        {
            json["public_key"] = publicKeyBase64;
        }

        return json;
    }

    /// <summary>Reads a head written by <see cref="ToJson"/> (other members are ignored); false with a reason when malformed.</summary>
    public static bool TryParse(string json, out LedgerHead? head, out string error)
    {
        head = null;
        try
        {
            if (JsonNode.Parse(json) is not JsonObject o
                || o["seq"] is not JsonValue seq || !seq.TryGetValue<long>(out var sequence)
                || o["hash"] is not JsonValue h || !h.TryGetValue<string>(out var hash)
                || o["time"] is not JsonValue t || !t.TryGetValue<string>(out var time)
                || o["signature"] is not JsonValue s || !s.TryGetValue<string>(out var signature))
            {
                error = "it must be a JSON object with seq (integer), hash, time and signature (strings)";
                return false;
            }

            head = new LedgerHead(sequence, hash, time, signature);
            error = string.Empty;
            return true;
        }
        catch (JsonException ex)
        {
            error = $"it is not JSON ({ex.Message})";
            return false;
        }
    }
}
