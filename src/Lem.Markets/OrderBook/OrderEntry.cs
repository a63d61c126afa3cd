namespace Lem.Markets.OrderBook;

/// <summary>A new order for the hot-path API of <see cref="OrderBook"/>, in integer ticks and lots.</summary>
/// <param name="Participant">The participant's number (non-negative).</param>
/// <param name="ClientOrderId">The participant's own order id, unique among its live orders in the book.</param>
/// <param name="Side">Buy or sell.</param>
/// <param name="Type">Limit or market.</param>
/// <param name="PriceTicks">The limit price in ticks (absolute: price = ticks × tick size); ignored for market orders.</param>
/// <param name="Lots">The quantity in lots.</param>
/// <param name="Condition">The execution condition.</param>
/// <param name="Validity">The validity of the resting remainder.</param>
/// <param name="Expiry">The expiry instant of a good-till-date order.</param>
/// <param name="PeakLots">The iceberg's displayed peak in lots; 0 for a fully displayed order.</param>
/// <param name="Location">The order's location tag; 0 = untagged.</param>
/// <param name="Filter">The filter on the counterparty's location.</param>
public readonly record struct OrderEntry(
    int Participant,
    long ClientOrderId,
    OrderSide Side,
    OrderType Type,
    long PriceTicks,
    long Lots,
    ExecutionCondition Condition = ExecutionCondition.None,
    OrderValidity Validity = default,
    Instant Expiry = default,
    long PeakLots = 0,
    int Location = 0,
    LocationFilter Filter = default);
