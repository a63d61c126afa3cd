using Lem.Domain.Orders;
using NodaTime;

namespace Lem.Markets.OrderBook;

/// <summary>A new order for the hot-path API of <see cref="OrderBook"/>, in integer ticks and lots.</summary>
public readonly record struct OrderEntry
{
    /// <summary>The participant's number (non-negative).</summary>
    public int Participant { get; init; }

    /// <summary>The participant's own order id, unique among its live orders in the book.</summary>
    public long ClientOrderId { get; init; }

    /// <summary>Buy or sell.</summary>
    public OrderSide Side { get; init; }

    /// <summary>Limit or market.</summary>
    public OrderType Type { get; init; }

    /// <summary>The limit price in ticks (absolute: price = ticks × tick size); ignored for market orders.</summary>
    public long PriceTicks { get; init; }

    /// <summary>The quantity in lots.</summary>
    public long Lots { get; init; }

    /// <summary>The execution condition.</summary>
    public ExecutionCondition Condition { get; init; }

    /// <summary>The validity of the resting remainder.</summary>
    public OrderValidity Validity { get; init; }

    /// <summary>The expiry instant of a good-till-date order.</summary>
    public Instant Expiry { get; init; }

    /// <summary>The iceberg's displayed peak in lots; 0 for a fully displayed order.</summary>
    public long PeakLots { get; init; }

    /// <summary>The order's location tag; 0 = untagged.</summary>
    public int Location { get; init; }

    /// <summary>The filter on the counterparty's location.</summary>
    public LocationFilter Filter { get; init; }
}
