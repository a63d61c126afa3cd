namespace Lem.Ledger;

/// <summary>The check of <see cref="LedgerVerifier"/> that a record failed.</summary>
public enum LedgerCheck
{
    /// <summary>The sequence numbers do not run 1, 2, 3, … (a record is missing, moved or renumbered).</summary>
    SequenceGap,

    /// <summary>The record's previous hash is not the hash of the record before it (64 zeros for the first).</summary>
    PreviousHashMismatch,

    /// <summary>A field is malformed: an empty kind or a timestamp not in the stored form.</summary>
    MalformedRecord,

    /// <summary>The payload is not valid JSON in canonical form.</summary>
    NonCanonicalPayload,

    /// <summary>The stored hash is not the hash of the record.</summary>
    HashMismatch,

    /// <summary>The signature is not the server key's signature of the hash.</summary>
    BadSignature,
}
