namespace Lem.Server.Store;

/// <summary>
/// The outcome of <see cref="StoreVerifier.Verify"/>: the hash chain, the command log against the ledger one to one, and
/// optionally an expected head. See <c>docs/ledger.md</c>.
/// </summary>
public sealed record StoreVerification
{
    /// <summary>The check of the hash chain alone.</summary>
    public required LedgerVerification Chain { get; init; }

    /// <summary>True when the chain, the command log and the expected head (if any) all check.</summary>
    public bool Ok => Chain.Ok && Check is null;

    /// <summary>Whether the store has a command log (a <c>commands</c> table); a bare ledger has none.</summary>
    public bool HasCommandLog { get; init; }

    /// <summary>The number of rows read from the <c>commands</c> table.</summary>
    public long CommandCount { get; init; }

    /// <summary>The number of commands the ledger binds.</summary>
    public long BoundCommandCount { get; init; }

    /// <summary>The sequence number of the first bad ledger record: the chain's, or the record of the first bad command, or where a cut chain ends.</summary>
    public long? FirstBadSequence => Chain.FirstBadSequence ?? FirstBadRecord;

    /// <summary>The ledger record of the first command or head problem, or null.</summary>
    public long? FirstBadRecord { get; init; }

    /// <summary>The sequence number of the first command that does not match the ledger, or null.</summary>
    public long? FirstBadCommand { get; init; }

    /// <summary>
    /// The failed check beyond the chain's, in snake case: <c>command_missing</c>, <c>command_extra</c>,
    /// <c>command_changed</c>, <c>command_unbound</c> (a ledger from before commands were bound), <c>ledger_cut</c> or
    /// <c>head_mismatch</c>; null when it passed (see <see cref="LedgerVerification.FailedCheck"/> for the chain).
    /// </summary>
    public string? Check { get; init; }

    /// <summary>What failed, in words, or null when everything checks.</summary>
    public string? Reason => Chain.Reason ?? ProblemReason;

    /// <summary>The reason of a command or head problem.</summary>
    public string? ProblemReason { get; init; }

    /// <summary>The last record's sequence number (0 for an empty ledger).</summary>
    public long HeadSequence { get; init; }

    /// <summary>The last record's hash, or null for an empty or broken chain.</summary>
    public string? HeadHash => Chain.HeadHash;

    /// <summary>For every stored command in sequence order, the ledger record it is bound to (when asked for and valid).</summary>
    public IReadOnlyList<LedgerPosition>? CommandPositions { get; init; }
}
