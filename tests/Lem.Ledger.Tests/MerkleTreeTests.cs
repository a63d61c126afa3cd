using System.Security.Cryptography;

namespace Lem.Ledger.Tests;

public sealed class MerkleTreeTests
{
    // The reference leaves and roots of the Certificate Transparency test suite (RFC 6962 hashing).
    private static readonly byte[][] CtLeaves =
    [
        [], [0x00], [0x10], [0x20, 0x21], [0x30, 0x31], [0x40, 0x41, 0x42, 0x43],
        Convert.FromHexString("5051525354555657"), Convert.FromHexString("606162636465666768696a6b6c6d6e6f"),
    ];

    private static readonly string[] CtRoots =
    [
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    [Fact]
    public void Root_CertificateTransparencyVectors_Sizes0To8()
    {
        for (var n = 0; n <= 8; n++)
        {
            Assert.Equal(CtRoots[n], Convert.ToHexStringLower(MerkleTree.Root(CtLeaves[..n])));
        }
    }

    // The CT inclusion-proof vectors (leaf index from 0 here).
    [Theory]
    [InlineData(0, 8, "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7,5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e,6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")]
    [InlineData(5, 8, "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b,ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0,d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")]
    [InlineData(2, 3, "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125")]
    [InlineData(1, 5, "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d,5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e,bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")]
    [InlineData(0, 1, "")]
    public void InclusionProof_CertificateTransparencyVectors(int index, int size, string path)
    {
        var leaves = CtLeaves[..size];

        var proof = MerkleTree.InclusionProof(leaves, index);

        Assert.Equal(path, string.Join(",", proof.AuditPath.Select(Convert.ToHexStringLower)));
        Assert.True(proof.Verify(Convert.FromHexString(CtRoots[size]), leaves[index]));
    }

    [Trait("Category", "Heavy")]
    [Fact]
    public void RandomTrees1To65_EveryLeafVerifies_AnyFlippedBitFails()
    {
        var random = new Random(6962);
        for (var n = 1; n <= 65; n++)
        {
            var leaves = Enumerable.Range(0, n).Select(_ => RandomBytes(random, random.Next(0, 12))).ToList();
            var root = MerkleTree.Root(leaves);
            Assert.Equal(Convert.ToHexStringLower(BruteForceRoot(leaves)), Convert.ToHexStringLower(root));
            for (var i = 0; i < n; i++)
            {
                var proof = MerkleTree.InclusionProof(leaves, i);
                Assert.True(proof.Verify(root, leaves[i]), $"leaf {i} of {n}");
                Assert.Equal(ExpectedPathLength(i, n), proof.AuditPath.Count);

                // The proof survives its JSON form.
                Assert.True(MerkleProof.TryParse(proof.ToJson().ToJsonString(), out var parsed, out var error), error);
                Assert.True(parsed!.Verify(root, leaves[i]));

                // One flipped bit anywhere (leaf data, a path hash, the root) and it fails; so do the wrong index and size.
                var bit = random.Next(8);
                var badLeaf = leaves[i].Length == 0 ? [0x00] : (byte[])leaves[i].Clone();
                if (leaves[i].Length > 0)
                {
                    badLeaf[random.Next(badLeaf.Length)] ^= (byte)(1 << bit);
                }

                Assert.False(proof.Verify(root, badLeaf));
                var badRoot = (byte[])root.Clone();
                badRoot[random.Next(32)] ^= (byte)(1 << bit);
                Assert.False(proof.Verify(badRoot, leaves[i]));
                for (var p = 0; p < proof.AuditPath.Count; p++)
                {
                    var path = proof.AuditPath.Select(h => (byte[])h.Clone()).ToArray();
                    path[p][random.Next(32)] ^= (byte)(1 << bit);
                    Assert.False(new MerkleProof(i, n, path).Verify(root, leaves[i]), $"path {p}, leaf {i} of {n}");
                }

                // The same path under another index fails unless that leaf holds the same data (empty leaves can repeat).
                var other = (i + 1) % n;
                if (!leaves[other].AsSpan().SequenceEqual(leaves[i]))
                {
                    Assert.False(new MerkleProof(other, n, proof.AuditPath).Verify(root, leaves[i]), $"index {other} for leaf {i} of {n}");
                }
            }
        }
    }

    [Fact]
    public void TryParse_BadJson_NamesTheField()
    {
        Assert.False(MerkleProof.TryParse("{\"leaf_index\":0,\"tree_size\":2,\"audit_path\":[\"zz\"]}", out _, out var error));
        Assert.Contains("audit_path[0]", error, StringComparison.Ordinal);
        Assert.False(MerkleProof.TryParse("{\"leaf_index\":3,\"tree_size\":2,\"audit_path\":[]}", out _, out error));
        Assert.Contains("leaf_index", error, StringComparison.Ordinal);
        Assert.False(MerkleProof.TryParse("{\"tree_size\":2,\"audit_path\":[]}", out _, out error));
        Assert.Contains("leaf_index", error, StringComparison.Ordinal);
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    // A second formulation: bottom-up levels where an odd node at the end of a level is carried up unchanged. For the
    // RFC 9162 split rule this gives the same tree (the left subtree is always a full power of two).
    private static byte[] BruteForceRoot(IReadOnlyList<byte[]> leaves)
    {
        var level = leaves.Select(l => SHA256.HashData([0x00, .. l])).ToList();
        while (level.Count > 1)
        {
            var next = new List<byte[]>();
            for (var i = 0; i < level.Count; i += 2)
            {
                next.Add(i + 1 < level.Count ? SHA256.HashData([0x01, .. level[i], .. level[i + 1]]) : level[i]);
            }

            level = next;
        }

        return level[0];
    }

    // The audit path has one hash per level at which the leaf's node has a sibling in the bottom-up construction.
    private static int ExpectedPathLength(int index, int size)
    {
        var length = 0;
        while (size > 1)
        {
            if ((index ^ 1) < size)
            {
                length++;
            }

            index >>= 1;
            size = (size + 1) >> 1;
        }

        return length;
    }
}
