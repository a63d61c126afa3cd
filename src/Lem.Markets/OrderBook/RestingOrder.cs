namespace Lem.Markets.OrderBook;

/// <summary>A resting order as seen in a <see cref="OrderBookSnapshot"/>, in ticks and lots.</summary>
/// <param name="Key">The order's key.</param>
/// <param name="Side">Buy or sell.</param>
/// <param name="PriceTicks">The limit price in ticks.</param>
/// <param name="RemainingLots">The open quantity (displayed plus iceberg reserve).</param>
/// <param name="DisplayedLots">The displayed quantity.</param>
/// <param name="PeakLots">The iceberg peak (0 when fully displayed).</param>
/// <param name="Priority">The time priority (smaller is earlier).</param>
/// <param name="Condition">The execution condition (none or all-or-none for a resting order).</param>
/// <param name="Validity">The validity.</param>
/// <param name="Expiry">The good-till-date expiry (default for good-for-session).</param>
/// <param name="Location">The location tag (0 = untagged).</param>
/// <param name="Filter">The filter on the counterparty's location.</param>
public readonly record struct RestingOrder(
    OrderKey Key,
    OrderSide Side,
    long PriceTicks,
    long RemainingLots,
    long DisplayedLots,
    long PeakLots,
    long Priority,
    ExecutionCondition Condition,
    OrderValidity Validity,
    Instant Expiry,
    int Location,
    LocationFilter Filter);
