namespace Lem.Ledger;

/// <summary>The outcome of <see cref="LedgerVerifier.Verify"/>.</summary>
public sealed record LedgerVerification
{
    /// <summary>True when every record passed every check.</summary>
    public required bool Ok { get; init; }

    /// <summary>The number of records read (all of them, including any after the first bad one).</summary>
    public required long Count { get; init; }

    /// <summary>
    /// The sequence number of the first bad record, or null when the chain is valid. For a sequence gap it is the
    /// smaller of the expected and the found number, which is the missing record or the renumbered one.
    /// </summary>
    public long? FirstBadSequence { get; init; }

    /// <summary>The check that failed, or null when the chain is valid.</summary>
    public LedgerCheck? FailedCheck { get; init; }

    /// <summary>What failed, in words, or null when the chain is valid.</summary>
    public string? Reason { get; init; }

    /// <summary>The hash of the last record of a valid chain (the head), or null when invalid or empty.</summary>
    public string? HeadHash { get; init; }
}
