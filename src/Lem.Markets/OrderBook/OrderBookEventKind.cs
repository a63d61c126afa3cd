namespace Lem.Markets.OrderBook;

/// <summary>The kind of a state change in an order book.</summary>
public enum OrderBookEventKind
{
    /// <summary>An order was accepted (it is live but not yet in the book; <see cref="Rested"/> puts it there).</summary>
    Accepted,

    /// <summary>A request was rejected with a reason code; no state changed.</summary>
    Rejected,

    /// <summary>Two orders traded at the resting order's price.</summary>
    Traded,

    /// <summary>An order (or its remainder) entered the book with a time priority.</summary>
    Rested,

    /// <summary>An order was cancelled (on request, remainder, fill-or-kill, self-trade prevention).</summary>
    Cancelled,

    /// <summary>An order expired (good-till-date, end of session, gate closure).</summary>
    Expired,

    /// <summary>An order was amended; if it lost priority it left the book and a <see cref="Rested"/> (or trades) follow.</summary>
    Amended,

    /// <summary>An iceberg's peak was consumed and a new peak was displayed with a new time priority.</summary>
    IcebergRefilled,

    /// <summary>The product's gate closed: no new orders are accepted.</summary>
    GateClosed,
}
