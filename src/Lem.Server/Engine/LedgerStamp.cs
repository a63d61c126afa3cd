namespace Lem.Server.Engine;

/// <summary>
/// The ledger record a group commit is sealed under: created empty for the batch being executed, filled when the batch is
/// sealed (before any of its requests is answered). Answers to commands carry it as <c>ledger_seq</c> and
/// <c>ledger_hash</c>; an order keeps the stamp of its first answer, so a retry gets the same answer.
/// </summary>
internal sealed class LedgerStamp
{
    /// <summary>The name of the sequence-number member added to acknowledgements.</summary>
    public const string SequenceMember = "ledger_seq";

    /// <summary>The name of the hash member added to acknowledgements.</summary>
    public const string HashMember = "ledger_hash";

    /// <summary>The record's sequence number (0 before the first record).</summary>
    public long Sequence { get; private set; }

    /// <summary>The record's hash (64 zeros before the first record).</summary>
    public string Hash { get; private set; } = LedgerChain.GenesisPreviousHash;

    /// <summary>A stamp of an existing record.</summary>
    public static LedgerStamp Of(long sequence, string hash)
    {
        var stamp = new LedgerStamp();
        stamp.Set(sequence, hash);
        return stamp;
    }

    /// <summary>Fills the stamp with the sealed record.</summary>
    public void Set(long sequence, string hash)
    {
        Sequence = sequence;
        Hash = hash;
    }

    /// <summary>Adds <c>ledger_seq</c> and <c>ledger_hash</c> to an answer.</summary>
    public void AddTo(JsonObject body)
    {
        ArgumentNullException.ThrowIfNull(body);
        body[SequenceMember] = Sequence;
        body[HashMember] = Hash;
    }
}
