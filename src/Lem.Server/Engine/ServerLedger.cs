using System.Text.Json.Nodes;
using Lem.Ledger;
using Lem.Server.Store;
using NodaTime;

namespace Lem.Server.Engine;

/// <summary>
/// The server's side of the signed hash chain: collects the records of a group commit (every accepted command, trade and
/// gate closure) and appends them as one entry signed with the server key to the batch being committed, so every ledger
/// row lands in the same transaction as what it records; and computes the Merkle roots and inclusion
/// proofs of gate closures over the canonical JSON of their trades.
/// </summary>
internal sealed class ServerLedger
{
    private readonly Ed25519KeyPair _key;
    private LedgerEntry? _last;

    /// <summary>Continues the chain after <paramref name="last"/> (null for an empty ledger).</summary>
    public ServerLedger(Ed25519KeyPair key, LedgerEntry? last)
    {
        _key = key;
        _last = last;
    }

    /// <summary>The server's public key in base64.</summary>
    public string PublicKeyBase64 => _key.PublicKeyBase64;

    /// <summary>The last entry appended (committed or in the current batch).</summary>
    public LedgerEntry? Last => _last;

    /// <summary>Records one command or result; <see cref="Seal"/> appends the records of a group commit as one signed entry.</summary>
    public void Append(StoreBatch batch, string kind, JsonNode payload, Instant time)
    {
        ArgumentNullException.ThrowIfNull(batch);
        batch.LedgerRecords.Add(new JsonObject { ["kind"] = kind, ["time"] = LedgerChain.FormatTimestamp(time.ToDateTimeOffset()), ["record"] = payload.DeepClone() });
    }

    /// <summary>
    /// Appends the batch's records to the chain as one entry of kind <c>batch</c> (payload <c>{"records": [...]}</c>, in
    /// execution order), signed once: signing every record on its own would cap the server at the signing rate.
    /// </summary>
    public void Seal(StoreBatch batch, Instant time)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.LedgerRecords.Count == 0)
        {
            return;
        }

        var records = new JsonArray();
        foreach (var r in batch.LedgerRecords)
        {
            records.Add(r);
        }

        var entry = LedgerChain.Append(_last, "batch", new JsonObject { ["records"] = records }, time.ToDateTimeOffset(), _key);
        batch.LedgerEntries.Add(entry);
        _last = entry;
    }

    /// <summary>Forgets the entries of a batch that failed to commit (the chain continues from the last committed entry).</summary>
    public void Reset(LedgerEntry? lastCommitted) => _last = lastCommitted;

    /// <summary>The Merkle root in hex over the canonical JSON of the trades, in order.</summary>
    public string MerkleRootHex(IReadOnlyList<JsonNode> trades) => Convert.ToHexStringLower(MerkleTree.Root(Leaves(trades)));

    /// <summary>The inclusion proof of trade <paramref name="index"/> among <paramref name="trades"/>.</summary>
    public static MerkleProof Proof(IReadOnlyList<JsonNode> trades, int index) => MerkleTree.InclusionProof(Leaves(trades), index);

    /// <summary>The leaf data: the canonical JSON of each trade.</summary>
    public static List<byte[]> Leaves(IReadOnlyList<JsonNode> trades) => trades.Select(CanonicalJson.Serialize).ToList();
}
