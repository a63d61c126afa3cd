namespace Lem.Server.Store;

/// <summary>
/// The durable store behind the sequencer. <see cref="Commit"/> writes a whole batch in one transaction and returns only
/// once it is durable; the server acknowledges nothing before. SQLite is the embedded default; PostgreSQL plugs in here.
/// </summary>
internal interface IMarketStore : IDisposable
{
    /// <summary>Creates the schema when missing and reads everything needed to rebuild the in-memory state.</summary>
    LoadedState Load();

    /// <summary>Writes the batch atomically and durably.</summary>
    void Commit(StoreBatch batch);

    /// <summary>
    /// Verifies the store on its own connection (<see cref="StoreVerifier.Verify"/>): the chain (the last record's
    /// signature only), the expected head if any, and the command log against the ledger, with every command's record.
    /// </summary>
    StoreVerification Verify(byte[] serverPublicKey, (long Sequence, string Hash)? expectedHead);
}
