namespace Lem.Cli.Output.Records;

/// <summary><c>lem ledger proof-verify --format json</c>.</summary>
/// <param name="Valid">Whether the leaf is in the tree with the root.</param>
/// <param name="LeafIndex">The proof's leaf index.</param>
/// <param name="TreeSize">The proof's tree size.</param>
/// <param name="Root">The root, lower-case hex.</param>
public sealed record ProofCheckJson(bool Valid, long LeafIndex, long TreeSize, string Root);
