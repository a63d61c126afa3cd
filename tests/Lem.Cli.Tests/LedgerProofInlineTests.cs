using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Lem.Cli.Tests;

/// <summary>
/// <c>lem ledger proof-verify --proof</c> takes the proof inline as JSON or as a file path (its help says so). The tree
/// is built here with SHA-256 as RFC 9162 defines it (leaf hash H(0x00 ‖ d), node hash H(0x01 ‖ l ‖ r)), independently
/// of <c>Lem.Ledger</c>.
/// </summary>
public sealed class LedgerProofInlineTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("lem-proof-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private static byte[] Leaf(byte[] data) => SHA256.HashData([0x00, .. data]);

    private static byte[] Node(byte[] left, byte[] right) => SHA256.HashData([0x01, .. left, .. right]);

    // Three leaves: root = H(1 ‖ H(1 ‖ L0 ‖ L1) ‖ L2); the proof of leaf 2 is [H(1 ‖ L0 ‖ L1)].
    private static readonly byte[][] Data = [.. new[] { "a", "b", "c" }.Select(Encoding.UTF8.GetBytes)];

    private static readonly byte[] LeftPair = Node(Leaf(Data[0]), Leaf(Data[1]));

    private static readonly string RootHex = Convert.ToHexStringLower(Node(LeftPair, Leaf(Data[2])));

    private static readonly string ProofJson = $$"""{"leaf_index": 2, "tree_size": 3, "audit_path": ["{{Convert.ToHexStringLower(LeftPair)}}"]}""";

    [Fact]
    public void ProofVerify_InlineJson_VerifiesTheIndependentlyBuiltTree()
    {
        var (exit, output, err) = CliRunner.Run("ledger", "proof-verify", "--root", RootHex, "--proof", ProofJson, "--leaf-hex", Convert.ToHexString(Data[2]), "--format", "json");

        Assert.True(exit == 0, output + err);
        using var doc = JsonDocument.Parse(output);
        Assert.True(doc.RootElement.GetProperty("valid").GetBoolean());
        Assert.Equal(2, doc.RootElement.GetProperty("leaf_index").GetInt64());
        Assert.Equal(3, doc.RootElement.GetProperty("tree_size").GetInt64());
    }

    [Fact]
    public void ProofVerify_InlineJsonAndFile_AgreeOnAWrongLeaf()
    {
        var path = Path.Combine(dir, "proof.json");
        File.WriteAllText(path, ProofJson);

        var inline = CliRunner.Run("ledger", "proof-verify", "--root", RootHex, "--proof", ProofJson, "--leaf-hex", Convert.ToHexString(Data[1]));
        var file = CliRunner.Run("ledger", "proof-verify", "--root", RootHex, "--proof", path, "--leaf-hex", Convert.ToHexString(Data[1]));
        var fileRight = CliRunner.Run("ledger", "proof-verify", "--root", RootHex, "--proof", path, "--leaf-hex", Convert.ToHexString(Data[2]));

        Assert.Equal((ExitCodes.InvalidInput, ExitCodes.InvalidInput, ExitCodes.Ok), (inline.Exit, file.Exit, fileRight.Exit));
        Assert.Contains("NOT", inline.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void ProofVerify_Help_SaysPathOrInlineJson()
    {
        var (exit, output, _) = CliRunner.Run("ledger", "proof-verify", "--help");

        Assert.Equal(0, exit);
        // The option's help, up to the next option (the description may wrap over several lines).
        var start = output.IndexOf("--proof", StringComparison.Ordinal);
        Assert.True(start >= 0, output);
        var end = output.IndexOf("\n  -", start, StringComparison.Ordinal);
        var line = end < 0 ? output[start..] : output[start..end];
        Assert.Contains("path", line, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("inline", line, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ProofVerify_NeitherFileNorJson_ExitsTwoNamingTheOption()
    {
        var (exit, output, err) = CliRunner.Run("ledger", "proof-verify", "--root", RootHex, "--proof", "no-such-proof.json", "--leaf-hex", "00");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("--proof", err, StringComparison.Ordinal);
        CliRunner.AssertNoStackTrace(output + err);
    }
}
