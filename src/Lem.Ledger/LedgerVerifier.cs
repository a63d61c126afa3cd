namespace Lem.Ledger;

/// <summary>Re-checks a whole chain and names the first bad record.</summary>
public static class LedgerVerifier
{
    /// <summary>
    /// Checks the records in the order given (sequence order). Per record, in this order: the sequence number follows the
    /// previous one (1 for the first); the previous hash equals the stored hash of the record before (64 zeros first);
    /// kind and timestamp are well formed; the payload is canonical JSON; the stored hash is the recomputed one (exact
    /// lower-case hex); the signature is the canonical base64 of a valid Ed25519 signature of the hash bytes by
    /// <paramref name="serverPublicKey"/>. All checks of a record look at that record and the stored hash of the one
    /// before only, so a change to any field of record k is reported at k. Reading continues after the first failure
    /// only to count the records. With <see cref="LedgerSignatureCheck.HeadOnly"/> only the last record's signature is checked.
    /// </summary>
    public static LedgerVerification Verify(IEnumerable<LedgerEntry> entries, byte[] serverPublicKey, LedgerSignatureCheck signatures = LedgerSignatureCheck.Every)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(serverPublicKey);
        long count = 0;
        LedgerEntry? previous = null;
        LedgerVerification? failure = null;
        foreach (var entry in entries)
        {
            count++;
            if (failure is null)
            {
                failure = Check(previous, entry, signatures == LedgerSignatureCheck.Every ? serverPublicKey : null);
                previous = entry;
            }
        }

        if (failure is null && signatures == LedgerSignatureCheck.HeadOnly && previous is not null)
        {
            failure = CheckSignature(previous, LedgerChain.ComputeHash(previous.Sequence, previous.Kind, previous.PayloadJson, previous.PreviousHash, previous.Timestamp), serverPublicKey);
        }

        if (failure is not null)
        {
            return failure with { Count = count };
        }

        return new LedgerVerification { Ok = true, Count = count, HeadHash = previous?.Hash };
    }

    private static LedgerVerification? Check(LedgerEntry? previous, LedgerEntry entry, byte[]? serverPublicKey)
    {
        var expected = previous is null ? 1 : previous.Sequence + 1;
        if (entry.Sequence != expected)
        {
            return Fail(Math.Min(expected, entry.Sequence), LedgerCheck.SequenceGap, $"sequence gap: expected record {expected}, found {entry.Sequence}");
        }

        var seq = entry.Sequence;
        var expectedPrevious = previous?.Hash ?? LedgerChain.GenesisPreviousHash;
        if (!string.Equals(entry.PreviousHash, expectedPrevious, StringComparison.Ordinal))
        {
            return Fail(seq, LedgerCheck.PreviousHashMismatch, $"previous hash mismatch: record {seq} links to {Shorten(entry.PreviousHash)}, the record before has {Shorten(expectedPrevious)}");
        }

        if (string.IsNullOrWhiteSpace(entry.Kind))
        {
            return Fail(seq, LedgerCheck.MalformedRecord, $"malformed record: record {seq} has an empty kind");
        }

        if (!LedgerChain.IsWellFormedTimestamp(entry.Timestamp))
        {
            return Fail(seq, LedgerCheck.MalformedRecord, $"malformed record: record {seq} has the timestamp \"{entry.Timestamp}\", not UTC in the form {LedgerChain.TimestampFormat}");
        }

        if (!CanonicalJson.IsCanonical(entry.PayloadJson))
        {
            return Fail(seq, LedgerCheck.NonCanonicalPayload, $"non-canonical payload: the payload of record {seq} is not canonical JSON (RFC 8785)");
        }

        var hash = LedgerChain.ComputeHash(seq, entry.Kind, entry.PayloadJson, entry.PreviousHash, entry.Timestamp);
        var hex = Hex.Encode(hash);
        if (!string.Equals(hex, entry.Hash, StringComparison.Ordinal))
        {
            return Fail(seq, LedgerCheck.HashMismatch, $"hash mismatch: record {seq} stores {Shorten(entry.Hash)}, its content hashes to {Shorten(hex)}");
        }

        return serverPublicKey is null ? null : CheckSignature(entry, hash, serverPublicKey);
    }

    private static LedgerVerification? CheckSignature(LedgerEntry entry, byte[] hash, byte[] serverPublicKey)
    {
        if (!Base64.TryDecodeCanonical(entry.Signature, out var signature) || !Ed25519.Verify(serverPublicKey, hash, signature))
        {
            return Fail(entry.Sequence, LedgerCheck.BadSignature, $"bad signature: the signature of record {entry.Sequence} is not the server key's signature of its hash");
        }

        return null;
    }

    private static string Shorten(string text) => text.Length > 16 ? text[..16] + "..." : text;

    private static LedgerVerification Fail(long sequence, LedgerCheck check, string reason) =>
        new() { Ok = false, Count = 0, FirstBadSequence = sequence, FailedCheck = check, Reason = reason };
}
