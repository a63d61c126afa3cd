using Lem.Server.Store;

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
    private LedgerStamp _pending = new();
    private LedgerStamp _lastStamp;
    private volatile LedgerEntry? _committed;
    private volatile LedgerHead? _signedHead;
    private LedgerStamp[]? _replayStamps;

    /// <summary>Continues the chain after <paramref name="last"/> (null for an empty ledger).</summary>
    public ServerLedger(Ed25519KeyPair key, LedgerEntry? last)
    {
        _key = key;
        _last = last;
        _committed = last;
        _lastStamp = last is null ? new LedgerStamp() : LedgerStamp.Of(last.Sequence, last.Hash);
    }

    /// <summary>Called on the writer thread with the last entry of every batch after its COMMIT returned.</summary>
    public Action<LedgerEntry>? OnCommitted { get; set; }

    /// <summary>The stamp the batch being executed will be sealed under (filled by <see cref="Seal"/>).</summary>
    public LedgerStamp Pending => _pending;

    /// <summary>The stamp of <see cref="Last"/>: what an answer from a batch that wrote nothing was committed under.</summary>
    public LedgerStamp LastStamp => _lastStamp;

    /// <summary>The last entry known to be committed (null for an empty ledger).</summary>
    public LedgerEntry? Committed => _committed;

    /// <summary>The server's public key in base64.</summary>
    public string PublicKeyBase64 => _key.PublicKeyBase64;

    /// <summary>The last entry appended (committed or in the current batch).</summary>
    public LedgerEntry? Last => _last;

    /// <summary>
    /// Adds an accepted command to the batch's command log and records it for the ledger with the digest of its stored row
    /// (<see cref="CommandDigest"/>): <c>{"sequence","kind","command","command_sha256"}</c>, which binds the row to the
    /// signed chain.
    /// </summary>
    public void AppendCommand(StoreBatch batch, long sequence, Instant time, string kind, JsonObject payload)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(payload);
        var stored = new StoredCommand(sequence, time, kind, payload.ToJsonString());
        batch.Commands.Add(stored);
        var digest = CommandDigest.Compute(sequence, WireTime.Text(time), kind, stored.PayloadJson);
        Append(batch, "command." + kind, new JsonObject { ["sequence"] = sequence, ["kind"] = kind, ["command"] = payload.DeepClone(), ["command_sha256"] = digest }, time);
    }

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
        _pending.Set(entry.Sequence, entry.Hash);
        _lastStamp = _pending;
        _pending = new LedgerStamp();
    }

    /// <summary>Forgets the entries of a batch that failed to commit (the chain continues from the last committed entry).</summary>
    public void Reset(LedgerEntry? lastCommitted) => _last = lastCommitted;

    /// <summary>Notes that <paramref name="batch"/> is committed (called after its COMMIT returned) and tells <see cref="OnCommitted"/>.</summary>
    public void MarkCommitted(StoreBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.LedgerEntries.Count > 0)
        {
            var last = batch.LedgerEntries[^1];
            _committed = last;
            OnCommitted?.Invoke(last);
        }
    }

    /// <summary>The signed head of <paramref name="entry"/> (the committed head when null); the last one signed is reused.</summary>
    public LedgerHead SignedHead(LedgerEntry? entry = null)
    {
        entry ??= _committed;
        var cached = _signedHead;
        if (cached is not null && cached.Sequence == (entry?.Sequence ?? 0))
        {
            return cached;
        }

        var head = LedgerHead.Sign(entry, _key);
        _signedHead = head;
        return head;
    }

    /// <summary>Before a replay: the ledger record of every stored command (from the store's verification), in sequence order.</summary>
    public void BeginReplay(IReadOnlyList<LedgerPosition> positions)
    {
        ArgumentNullException.ThrowIfNull(positions);
        _replayStamps = new LedgerStamp[positions.Count];
        LedgerStamp? current = null;
        for (var i = 0; i < positions.Count; i++)
        {
            if (current is null || current.Sequence != positions[i].Sequence)
            {
                current = LedgerStamp.Of(positions[i].Sequence, positions[i].Hash);
            }

            _replayStamps[i] = current;
        }
    }

    /// <summary>During a replay: makes <see cref="Pending"/> the stamp command <paramref name="sequence"/> was committed under.</summary>
    public void ReplayCommand(long sequence)
    {
        if (_replayStamps is { } stamps && sequence >= 1 && sequence <= stamps.Length)
        {
            _pending = stamps[sequence - 1];
        }
    }

    /// <summary>After a replay: the next batch gets a fresh stamp.</summary>
    public void EndReplay()
    {
        _replayStamps = null;
        _pending = new LedgerStamp();
    }

    /// <summary>The Merkle root in hex over the canonical JSON of the trades, in order.</summary>
    public string MerkleRootHex(IReadOnlyList<JsonNode> trades) => Convert.ToHexStringLower(MerkleTree.Root(Leaves(trades)));

    /// <summary>The inclusion proof of trade <paramref name="index"/> among <paramref name="trades"/>.</summary>
    public static MerkleProof Proof(IReadOnlyList<JsonNode> trades, int index) => MerkleTree.InclusionProof(Leaves(trades), index);

    /// <summary>The leaf data: the canonical JSON of each trade.</summary>
    public static List<byte[]> Leaves(IReadOnlyList<JsonNode> trades) => trades.Select(CanonicalJson.Serialize).ToList();
}
