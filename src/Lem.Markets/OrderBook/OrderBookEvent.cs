namespace Lem.Markets.OrderBook;

/// <summary>
/// One state change of an order book. A plain value (no allocation); which fields are meaningful depends on
/// <see cref="Kind"/>. Applying the events in order with <see cref="OrderBook.Replay"/> rebuilds an identical book.
/// </summary>
public readonly record struct OrderBookEvent
{
    /// <summary>The event's number in the book, from 1, without gaps.</summary>
    public long Sequence { get; init; }

    /// <summary>The clock's instant when the event happened.</summary>
    public Instant Time { get; init; }

    /// <summary>What happened.</summary>
    public OrderBookEventKind Kind { get; init; }

    /// <summary>The reason code for a rejection, cancellation or expiry; <see cref="ReasonCode.None"/> otherwise.</summary>
    public ReasonCode Reason { get; init; }

    /// <summary>The order concerned; for a trade, the aggressor (incoming) order.</summary>
    public OrderKey Order { get; init; }

    /// <summary>For a trade, the resting order; otherwise default.</summary>
    public OrderKey Counterparty { get; init; }

    /// <summary>The side of <see cref="Order"/>.</summary>
    public OrderSide Side { get; init; }

    /// <summary>Accepted/amended: the order's limit price in ticks (the sweep limit for a market order); traded: the trade price (the resting order's price).</summary>
    public long PriceTicks { get; init; }

    /// <summary>Accepted: the order quantity; traded: the traded quantity; amended: the new open quantity; cancelled/expired: the quantity removed; rejected: the requested quantity. In lots.</summary>
    public long Lots { get; init; }

    /// <summary>Rested, refilled, amended: the displayed quantity in lots; accepted: the iceberg peak (0 when not an iceberg).</summary>
    public long DisplayedLots { get; init; }

    /// <summary>Rested and refilled: the new time priority (smaller is earlier).</summary>
    public long Priority { get; init; }

    /// <summary>Amended: whether the amendment lost time priority (the order left the book and re-enters it).</summary>
    public bool PriorityLost { get; init; }

    /// <summary>Accepted: the order type.</summary>
    public OrderType Type { get; init; }

    /// <summary>Accepted: the execution condition.</summary>
    public ExecutionCondition Condition { get; init; }

    /// <summary>Accepted: the validity.</summary>
    public OrderValidity Validity { get; init; }

    /// <summary>Accepted: the good-till-date expiry (ignored for good-for-session orders).</summary>
    public Instant Expiry { get; init; }

    /// <summary>Accepted: the order's location tag (0 = untagged).</summary>
    public int Location { get; init; }

    /// <summary>Accepted: the order's filter on the counterparty's location.</summary>
    public LocationFilter Filter { get; init; }
}
