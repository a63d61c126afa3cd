using Lem.Server.Engine.Markets.SealedBids;

namespace Lem.Server.Engine.Markets;

/// <summary>
/// What the engine offers the market objects: the cross-market state they may change (orders, trades, commitments, the
/// command log and ledger batch) goes through here, so numbering, indexes and the group commit stay in one place.
/// </summary>
internal interface IMarketHost
{
    /// <summary>The clock of the order books: each command's time stamp, in live runs and replays alike.</summary>
    IClock Clock { get; }

    /// <summary>An order by its server order number, or null.</summary>
    ServerOrder? FindOrder(long number);

    /// <summary>Creates a new order with the next order number, indexes it and adds it to its market's slot.</summary>
    ServerOrder AddOrder(IServerMarket market, NewOrder order);

    /// <summary>The next trade id (each id is handed out once).</summary>
    long NextTradeId();

    /// <summary>Records a trade: indexes, the market's slot, and (when writing) the batch, the ledger and the stream.</summary>
    void AddTrade(IServerMarket market, ServerTrade trade);

    /// <summary>Fills part of an order (it becomes filled when nothing is open any more).</summary>
    void Fill(ServerOrder order, decimal quantityKwh);

    /// <summary>Ends an order with a status and reason; nothing stays open.</summary>
    void End(ServerOrder order, OrderStatus status, string? reason);

    /// <summary>Marks an order changed, so the group commit stores it.</summary>
    void Touch(ServerOrder order);

    /// <summary>Accepts a command: gives it the next sequence number and (when writing) logs it and appends it to the ledger.</summary>
    void Accept(string kind, JsonObject payload, Instant time);

    /// <summary>Indexes a new sealed-bid commitment by its owner and client bid id.</summary>
    void AddCommitment(SealedBidCommitment commitment);
}
