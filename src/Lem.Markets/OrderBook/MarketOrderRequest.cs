namespace Lem.Markets.OrderBook;

/// <summary>
/// A new order for the friendly <see cref="ContinuousMarket"/> API: a one-step domain <see cref="Domain.Orders.Order"/>
/// (its owner, side, price in EUR/MWh and quantity in kWh) with the continuous-trading fields the book adds to it.
/// <see cref="OrderBookEncoding"/> turns it into ticks and lots.
/// </summary>
public sealed record MarketOrderRequest
{
    /// <summary>The delivery product.</summary>
    public required string ProductId { get; init; }

    /// <summary>The participant's own order id, unique among its live orders in the product.</summary>
    public required long ClientOrderId { get; init; }

    /// <summary>The order: owner, side and one step (the price is ignored for market orders).</summary>
    public required Order Order { get; init; }

    /// <summary>Limit or market.</summary>
    public OrderType Type { get; init; } = OrderType.Limit;

    /// <summary>The execution condition.</summary>
    public ExecutionCondition Condition { get; init; }

    /// <summary>The validity.</summary>
    public OrderValidity Validity { get; init; }

    /// <summary>The good-till-date expiry.</summary>
    public Instant Expiry { get; init; }

    /// <summary>The iceberg peak in kWh; 0 for a fully displayed order.</summary>
    public decimal PeakKwh { get; init; }

    /// <summary>The order's location tag (e.g. a congestion area); null = untagged.</summary>
    public string? Location { get; init; }

    /// <summary>How <see cref="FilterLocation"/> restricts the counterparty.</summary>
    public LocationFilterMode FilterMode { get; init; }

    /// <summary>The location the filter refers to.</summary>
    public string? FilterLocation { get; init; }
}
