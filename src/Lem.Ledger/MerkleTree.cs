using System.Security.Cryptography;

namespace Lem.Ledger;

/// <summary>
/// Merkle tree hashing of RFC 9162 §2.1 (as RFC 6962): leaf hash = SHA-256(0x00 ‖ data), node hash =
/// SHA-256(0x01 ‖ left ‖ right); a tree of n &gt; 1 leaves splits at the largest power of two k &lt; n; the empty tree's
/// root is SHA-256 of nothing.
/// </summary>
public static class MerkleTree
{
    /// <summary>Bytes in a hash.</summary>
    public const int HashSizeBytes = 32;

    /// <summary>SHA-256(0x00 ‖ <paramref name="data"/>).</summary>
    public static byte[] LeafHash(ReadOnlySpan<byte> data)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData([0x00]);
        sha.AppendData(data);
        return sha.GetHashAndReset();
    }

    /// <summary>SHA-256(0x01 ‖ <paramref name="left"/> ‖ <paramref name="right"/>).</summary>
    public static byte[] NodeHash(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData([0x01]);
        sha.AppendData(left);
        sha.AppendData(right);
        return sha.GetHashAndReset();
    }

    /// <summary>The root (Merkle tree hash) over the leaf data in order.</summary>
    public static byte[] Root(IReadOnlyList<byte[]> leaves)
    {
        ArgumentNullException.ThrowIfNull(leaves);
        if (leaves.Count == 0)
        {
            return SHA256.HashData(ReadOnlySpan<byte>.Empty);
        }

        return Subtree(LeafHashes(leaves), 0, leaves.Count);
    }

    /// <summary>The inclusion proof (audit path, RFC 9162 §2.1.3.1) of leaf <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is not in [0, leaves.Count).</exception>
    public static MerkleProof InclusionProof(IReadOnlyList<byte[]> leaves, int index)
    {
        ArgumentNullException.ThrowIfNull(leaves);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, leaves.Count);
        var hashes = LeafHashes(leaves);
        var path = new List<byte[]>();
        Path(hashes, index, 0, leaves.Count, path);
        return new MerkleProof(index, leaves.Count, path);
    }

    /// <summary>The largest power of two strictly below <paramref name="n"/> (n ≥ 2).</summary>
    internal static int SplitPoint(int n)
    {
        var k = 1;
        while (k * 2 < n)
        {
            k *= 2;
        }

        return k;
    }

    private static byte[][] LeafHashes(IReadOnlyList<byte[]> leaves)
    {
        var hashes = new byte[leaves.Count][];
        for (var i = 0; i < leaves.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(leaves[i], $"leaves[{i}]");
            hashes[i] = LeafHash(leaves[i]);
        }

        return hashes;
    }

    private static byte[] Subtree(byte[][] hashes, int start, int count)
    {
        if (count == 1)
        {
            return hashes[start];
        }

        var k = SplitPoint(count);
        return NodeHash(Subtree(hashes, start, k), Subtree(hashes, start + k, count - k));
    }

    // PATH(m, D[n]): for m < k, PATH(m, D[0:k]) : MTH(D[k:n]); otherwise PATH(m − k, D[k:n]) : MTH(D[0:k]).
    private static void Path(byte[][] hashes, int m, int start, int count, List<byte[]> path)
    {
        if (count == 1)
        {
            return;
        }

        var k = SplitPoint(count);
        if (m < k)
        {
            Path(hashes, m, start, k, path);
            path.Add(Subtree(hashes, start + k, count - k));
        }
        else
        {
            Path(hashes, m - k, start + k, count - k, path);
            path.Add(Subtree(hashes, start, k));
        }
    }
}
