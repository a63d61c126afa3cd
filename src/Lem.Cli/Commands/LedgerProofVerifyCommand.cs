using Lem.Ledger;

namespace Lem.Cli.Commands;

/// <summary>
/// <c>lem ledger proof-verify --root HEX --proof FILE|JSON --leaf FILE</c>: checks offline that the leaf data (e.g. a trade
/// record) is in the Merkle tree with the published root (RFC 9162 inclusion proof). Exit 0 when it is, 1 when not,
/// 2 for a usage mistake.
/// </summary>
public static class LedgerProofVerifyCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var root = new Option<string>("--root") { Description = "The published Merkle root, 64 hex digits.", Required = true };
        var proof = new Option<string>("--proof") { Description = "The proof: a path to a JSON file, or the JSON inline (text starting with '{'): {\"leaf_index\": n, \"tree_size\": n, \"audit_path\": [\"hex\", ...]}.", Required = true };
        var leaf = new Option<string?>("--leaf") { Description = "A file holding the leaf data, byte for byte." };
        var leafHex = new Option<string?>("--leaf-hex") { Description = "The leaf data in hex, instead of --leaf." };
        var format = CommonOptions.Format();
        var command = new Command("proof-verify", "Check a Merkle inclusion proof offline against a published root.") { root, proof, leaf, leafHex, format };
        command.SetAction(parse => Run(context, parse.GetValue(root)!, parse.GetValue(proof)!, parse.GetValue(leaf), parse.GetValue(leafHex), parse.GetValue(format)!));
        return command;
    }

    private static int Usage(CliContext context, string message)
    {
        context.Error.WriteLine($"lem: {message}");
        return ExitCodes.Usage;
    }

    private static bool TryHex(string text, out byte[] bytes)
    {
        bytes = [];
        try
        {
            bytes = Convert.FromHexString(text.Trim());
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static int Run(CliContext context, string rootText, string proofArgument, string? leafPath, string? leafHex, string format)
    {
        if (!TryHex(rootText, out var root) || root.Length != MerkleTree.HashSizeBytes)
        {
            return Usage(context, "--root must be 64 hex digits (a SHA-256 Merkle root).");
        }

        if ((leafPath is null) == (leafHex is null))
        {
            return Usage(context, "proof-verify needs exactly one of --leaf FILE and --leaf-hex HEX.");
        }

        var inline = proofArgument.TrimStart().StartsWith('{');
        if (!inline && !File.Exists(proofArgument))
        {
            return Usage(context, $"--proof: '{proofArgument}' is neither a file nor inline JSON (text starting with '{{').");
        }

        byte[] leafData;
        if (leafPath is not null)
        {
            if (!File.Exists(leafPath))
            {
                return Usage(context, $"--leaf: the file {leafPath} does not exist.");
            }

            leafData = File.ReadAllBytes(leafPath);
        }
        else if (!TryHex(leafHex!, out leafData))
        {
            return Usage(context, "--leaf-hex is not hex.");
        }

        if (!MerkleProof.TryParse(inline ? proofArgument : File.ReadAllText(proofArgument), out var parsed, out var error))
        {
            context.Error.WriteLine($"lem: {(inline ? "--proof" : proofArgument)}: {error}.");
            return ExitCodes.InvalidInput;
        }

        var valid = parsed!.Verify(root, leafData);
        if (format == "json")
        {
            Json.Write(context.Out, new ProofCheckJson(valid, parsed.LeafIndex, parsed.TreeSize, Convert.ToHexStringLower(root)));
        }
        else if (valid)
        {
            context.Console.MarkupLine($"[green]The leaf is included[/]: leaf {parsed.LeafIndex} of {parsed.TreeSize} under root {Convert.ToHexStringLower(root)}.");
        }
        else
        {
            context.Console.MarkupLine($"[red]The proof does NOT verify[/]: the leaf, proof (leaf {parsed.LeafIndex} of {parsed.TreeSize}) and root do not fit together.");
        }

        return valid ? ExitCodes.Ok : ExitCodes.InvalidInput;
    }
}
