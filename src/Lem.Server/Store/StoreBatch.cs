namespace Lem.Server.Store;

/// <summary>Everything one group commit writes, in one transaction.</summary>
internal sealed class StoreBatch
{
    /// <summary>The accepted commands.</summary>
    public List<StoredCommand> Commands { get; } = [];

    /// <summary>New markets.</summary>
    public List<MarketSpec> Markets { get; } = [];

    /// <summary>New participants.</summary>
    public List<ParticipantRecord> Participants { get; } = [];

    /// <summary>Orders to insert or update (the latest state of each wins).</summary>
    public Dictionary<long, ServerOrder> Orders { get; } = [];

    /// <summary>New trades.</summary>
    public List<ServerTrade> Trades { get; } = [];

    /// <summary>New gate closures.</summary>
    public List<GateClosureRecord> GateClosures { get; } = [];

    /// <summary>The ledger records of the batch, sealed into one entry before the commit.</summary>
    public List<JsonObject> LedgerRecords { get; } = [];

    /// <summary>New ledger entries, in chain order.</summary>
    public List<LedgerEntry> LedgerEntries { get; } = [];

    /// <summary>Whether there is nothing to write.</summary>
    public bool IsEmpty => Commands.Count == 0 && LedgerRecords.Count == 0;

    /// <summary>Empties the batch for the next group commit.</summary>
    public void Clear()
    {
        Commands.Clear();
        Markets.Clear();
        Participants.Clear();
        Orders.Clear();
        Trades.Clear();
        GateClosures.Clear();
        LedgerEntries.Clear();
        LedgerRecords.Clear();
    }
}
