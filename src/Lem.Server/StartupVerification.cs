using Lem.Server.Store;

namespace Lem.Server;

/// <summary>
/// What <see cref="LemServer.StartAsync"/> checks before it replays the command log: the store's hash chain, the command
/// log against the ledger one to one, and that the chain reaches the last head the server signed
/// (<see cref="LedgerHeadFile"/>) with the same hash; a store that fails is refused with a
/// <see cref="StoreIntegrityException"/> naming the first bad record. See <c>docs/ledger.md</c>.
/// </summary>
internal static class StartupVerification
{
    /// <summary>Verifies the store of <paramref name="options"/>; returns the verification with every command's ledger record.</summary>
    /// <exception cref="StoreIntegrityException">The store or the head file fails.</exception>
    public static StoreVerification Run(ServerOptions options, IMarketStore store, Ed25519KeyPair serverKey)
    {
        var headPath = $"{LedgerHeadFile.PathIn(options.DataDirectory)} or {LedgerHeadFile.PathIn(options.DataDirectory, 1)}";
        LedgerHead? head;
        try
        {
            head = LedgerHeadFile.Read(options.DataDirectory, serverKey.PublicKey);
        }
        catch (InvalidDataException ex)
        {
            throw new StoreIntegrityException($"{ex.Message} It holds the last ledger head the server signed; remove it only after checking the store with lem ledger verify.", ex);
        }

        StoreVerification result;
        try
        {
            result = store.Verify(serverKey.PublicKey, head is null ? null : (head.Sequence, head.Hash));
        }
        catch (InvalidDataException ex)
        {
            throw new StoreIntegrityException($"the store is unreadable: {ex.Message}", ex);
        }

        if (!result.Ok)
        {
            var where = result.FirstBadSequence is { } record ? $"ledger record {record}" : "an unreadable record";
            var command = result.FirstBadCommand is { } c ? $", command {c}" : string.Empty;
            var cut = result.Check is "ledger_cut" or "head_mismatch" ? $" (the last head the server signed is in {headPath})" : string.Empty;
            throw new StoreIntegrityException(
                $"the store fails verification at {where}{command}: {result.Reason}{cut}. The server does not start on a store its ledger does not vouch for; "
                + "check it with lem ledger verify, then restore a backup or start a new data folder.");
        }

        return result;
    }

    /// <summary>
    /// Writes the verified store's head to both copies of the head file (the file may lag after a crash; copy 0 first, so
    /// a crash meanwhile leaves copy 1's older head) and starts the keeper, which writes copy 0 next.
    /// </summary>
    public static HeadKeeper StartHeadKeeper(ServerOptions options, ServerLedger ledger, Action<IReadOnlyList<StreamEvent>> publish)
    {
        long written = 0;
        if (ledger.Committed is { } last)
        {
            var head = ledger.SignedHead(last);
            for (var copy = 0; copy < LedgerHeadFile.Copies; copy++)
            {
                LedgerHeadFile.Write(options.DataDirectory, copy, head, flushToDisk: true);
            }

            written = last.Sequence;
        }

        return new HeadKeeper(options.DataDirectory, ledger, publish, written, nextCopy: 0);
    }
}
