namespace Lem.Ledger;

/// <summary>Which records' signatures <see cref="LedgerVerifier.Verify"/> checks.</summary>
public enum LedgerSignatureCheck
{
    /// <summary>Every record's signature (what <c>lem ledger verify</c> does).</summary>
    Every,

    /// <summary>
    /// Only the last record's. Every hash covers the previous hash, so a valid signature of the last hash over an
    /// unbroken chain of recomputed hashes vouches for every record before it; what this skips is only the signature
    /// column of the earlier records (the server's start uses it: one Ed25519 verification instead of one per record).
    /// </summary>
    HeadOnly,
}
