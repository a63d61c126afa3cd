using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lem.Ledger;

/// <summary>
/// An inclusion proof of one leaf in a Merkle tree (RFC 9162 §2.1.3): the leaf's index, the tree's size and the audit
/// path from the leaf up. Verification needs only the root, the leaf data and this proof, so a participant can check it
/// offline. JSON form: <c>{"leaf_index": n, "tree_size": n, "audit_path": ["hex", …]}</c>.
/// </summary>
public sealed class MerkleProof
{
    /// <summary>Creates a proof.</summary>
    /// <exception cref="ArgumentException">The index is not in [0, treeSize) or a hash is not 32 bytes.</exception>
    public MerkleProof(long leafIndex, long treeSize, IReadOnlyList<byte[]> auditPath)
    {
        ArgumentNullException.ThrowIfNull(auditPath);
        if (treeSize < 1 || leafIndex < 0 || leafIndex >= treeSize)
        {
            throw new ArgumentException($"The leaf index {leafIndex} must lie in [0, {treeSize}) and the tree must have a leaf.", nameof(leafIndex));
        }

        if (auditPath.Any(h => h is null || h.Length != MerkleTree.HashSizeBytes))
        {
            throw new ArgumentException($"Every audit path hash must have {MerkleTree.HashSizeBytes} bytes.", nameof(auditPath));
        }

        LeafIndex = leafIndex;
        TreeSize = treeSize;
        AuditPath = auditPath.Select(h => (byte[])h.Clone()).ToArray();
    }

    /// <summary>The leaf's index, from 0.</summary>
    public long LeafIndex { get; }

    /// <summary>The number of leaves in the tree.</summary>
    public long TreeSize { get; }

    /// <summary>The sibling hashes from the leaf up to the root.</summary>
    public IReadOnlyList<byte[]> AuditPath { get; }

    /// <summary>True when <paramref name="leafData"/> is leaf <see cref="LeafIndex"/> of the tree with root <paramref name="root"/>.</summary>
    public bool Verify(byte[] root, byte[] leafData)
    {
        ArgumentNullException.ThrowIfNull(leafData);
        return VerifyLeafHash(root, MerkleTree.LeafHash(leafData));
    }

    /// <summary>The verification algorithm of RFC 9162 §2.1.3.2 for a leaf hash.</summary>
    public bool VerifyLeafHash(byte[] root, byte[] leafHash)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(leafHash);
        if (root.Length != MerkleTree.HashSizeBytes || leafHash.Length != MerkleTree.HashSizeBytes)
        {
            return false;
        }

        var fn = LeafIndex;
        var sn = TreeSize - 1;
        var r = leafHash;
        foreach (var p in AuditPath)
        {
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                r = MerkleTree.NodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                r = MerkleTree.NodeHash(r, p);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && CryptographicOperations.FixedTimeEquals(r, root);
    }

    /// <summary>The JSON form with snake_case names and hex hashes.</summary>
    public JsonObject ToJson()
    {
        var path = new JsonArray();
        foreach (var h in AuditPath)
        {
            path.Add(Hex.Encode(h));
        }

        return new JsonObject { ["leaf_index"] = LeafIndex, ["tree_size"] = TreeSize, ["audit_path"] = path };
    }

    /// <summary>Reads the JSON form; on failure returns false with a message naming the offending field.</summary>
    public static bool TryParse(string json, out MerkleProof? proof, out string error)
    {
        ArgumentNullException.ThrowIfNull(json);
        proof = null;
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (JsonException ex)
        {
            error = $"the proof is not valid JSON: {ex.Message}";
            return false;
        }

        if (node is not JsonObject o)
        {
            error = "the proof must be a JSON object with leaf_index, tree_size and audit_path";
            return false;
        }

        if (!TryInteger(o, "leaf_index", out var index, out error) || !TryInteger(o, "tree_size", out var size, out error))
        {
            return false;
        }

        if (o["audit_path"] is not JsonArray array)
        {
            error = "audit_path must be an array of hex hashes";
            return false;
        }

        var hashes = new List<byte[]>();
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonValue v || !v.TryGetValue<string>(out var text) || !Hex.TryDecode(text.ToLowerInvariant(), MerkleTree.HashSizeBytes, out var bytes))
            {
                error = $"audit_path[{i}] must be 64 hex digits";
                return false;
            }

            hashes.Add(bytes);
        }

        if (size < 1 || index < 0 || index >= size)
        {
            error = $"leaf_index {index} must lie in [0, tree_size = {size})";
            return false;
        }

        proof = new MerkleProof(index, size, hashes);
        error = string.Empty;
        return true;
    }

    private static bool TryInteger(JsonObject o, string name, out long value, out string error)
    {
        value = 0;
        if (o[name] is JsonValue v && v.TryGetValue<JsonElement>(out var e) && e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out value))
        {
            error = string.Empty;
            return true;
        }

        error = $"{name} must be an integer";
        return false;
    }
}
