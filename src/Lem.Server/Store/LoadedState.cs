namespace Lem.Server.Store;

/// <summary>What a store hands back on start: the participants' credentials, the command log in sequence and the ledger's last entry.</summary>
/// <param name="Participants">The registered participants.</param>
/// <param name="Commands">Every accepted command, by sequence.</param>
/// <param name="LastLedgerEntry">The last ledger entry, or null for an empty ledger.</param>
internal sealed record LoadedState(IReadOnlyList<ParticipantRecord> Participants, IReadOnlyList<StoredCommand> Commands, LedgerEntry? LastLedgerEntry);
