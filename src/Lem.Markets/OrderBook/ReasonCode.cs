namespace Lem.Markets.OrderBook;

/// <summary>Why an order was rejected, cancelled or expired. Invalid requests are rejected with a code, never thrown.</summary>
public enum ReasonCode
{
    /// <summary>No reason: the request was accepted.</summary>
    None,

    /// <summary>Rejected: the quantity is zero or negative.</summary>
    NonPositiveQuantity,

    /// <summary>Rejected: the quantity is not a whole number of lots.</summary>
    QuantityNotOnLot,

    /// <summary>Rejected: the price is outside the market's price band.</summary>
    PriceOutOfBounds,

    /// <summary>Rejected: the price is not a whole number of ticks.</summary>
    PriceNotOnTick,

    /// <summary>Rejected: the product is not traded here.</summary>
    UnknownProduct,

    /// <summary>Rejected: the product's gate has closed.</summary>
    GateClosed,

    /// <summary>Rejected: the participant already has a live order with this client order id.</summary>
    DuplicateClientOrderId,

    /// <summary>Rejected: no live order with this key (cancel or amend).</summary>
    UnknownOrder,

    /// <summary>Rejected: the iceberg peak is not positive or exceeds the quantity, or is combined with a condition it cannot have.</summary>
    InvalidPeak,

    /// <summary>Rejected: a good-till-date order's expiry is not after now.</summary>
    InvalidExpiry,

    /// <summary>Rejected: the combination of type, condition and validity is not allowed (e.g. an all-or-none market order).</summary>
    InvalidCondition,

    /// <summary>Rejected: the amendment changes nothing or would leave no quantity.</summary>
    InvalidAmendment,

    /// <summary>Rejected: the participant number is negative or unknown.</summary>
    UnknownParticipant,

    /// <summary>Rejected: the book holds its capacity of live orders (<see cref="OrderBookProduct.MaxLiveOrders"/>).</summary>
    BookFull,

    /// <summary>Cancelled at the participant's request.</summary>
    CancelRequested,

    /// <summary>Cancelled: the unfilled remainder of an immediate-or-cancel order.</summary>
    ImmediateOrCancelRemainder,

    /// <summary>Cancelled: the unfilled remainder of a market order.</summary>
    MarketOrderRemainder,

    /// <summary>Cancelled: a fill-or-kill order that could not be filled in full (killed without trading).</summary>
    FillOrKillNotFillable,

    /// <summary>Cancelled by self-trade prevention.</summary>
    SelfTradePrevented,

    /// <summary>Expired: the good-till-date instant has passed.</summary>
    GoodTillDateReached,

    /// <summary>Expired: the session ended (good-for-session orders).</summary>
    SessionEnded,

    /// <summary>Expired: the product's gate closed.</summary>
    GateClosure,

    /// <summary>Rejected: the participant already holds the product's most live orders per participant (<see cref="OrderBookProduct.MaxLiveOrdersPerParticipant"/>).</summary>
    ParticipantOrderLimit,
}
