using Lem.Ledger;

namespace Lem.Cli.Commands;

/// <summary>The snake_case names the ledger commands print for the verifier's checks.</summary>
internal static class LedgerNames
{
    /// <summary>sequence_gap, previous_hash_mismatch, malformed_record, non_canonical_payload, hash_mismatch or bad_signature.</summary>
    public static string Of(LedgerCheck check) => check switch
    {
        LedgerCheck.SequenceGap => "sequence_gap",
        LedgerCheck.PreviousHashMismatch => "previous_hash_mismatch",
        LedgerCheck.MalformedRecord => "malformed_record",
        LedgerCheck.NonCanonicalPayload => "non_canonical_payload",
        LedgerCheck.HashMismatch => "hash_mismatch",
        _ => "bad_signature",
    };
}
