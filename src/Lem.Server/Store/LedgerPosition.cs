namespace Lem.Server.Store;

/// <summary>The ledger record a stored command is bound to.</summary>
/// <param name="Sequence">The record's sequence number.</param>
/// <param name="Hash">The record's hash, lower-case hex.</param>
public readonly record struct LedgerPosition(long Sequence, string Hash);
