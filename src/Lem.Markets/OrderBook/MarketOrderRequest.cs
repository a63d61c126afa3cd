using Lem.Domain.Orders;
using NodaTime;

namespace Lem.Markets.OrderBook;

/// <summary>A new order for the friendly <see cref="ContinuousMarket"/> API, in EUR/MWh and MWh.</summary>
public sealed record MarketOrderRequest
{
    /// <summary>The delivery product.</summary>
    public required string ProductId { get; init; }

    /// <summary>The participant.</summary>
    public required ParticipantId Participant { get; init; }

    /// <summary>The participant's own order id, unique among its live orders in the product.</summary>
    public required long ClientOrderId { get; init; }

    /// <summary>Buy or sell.</summary>
    public required OrderSide Side { get; init; }

    /// <summary>Limit or market.</summary>
    public OrderType Type { get; init; } = OrderType.Limit;

    /// <summary>The limit price in EUR/MWh (ignored for market orders).</summary>
    public decimal PriceEurPerMwh { get; init; }

    /// <summary>The quantity in MWh.</summary>
    public required decimal QuantityMwh { get; init; }

    /// <summary>The execution condition.</summary>
    public ExecutionCondition Condition { get; init; }

    /// <summary>The validity.</summary>
    public OrderValidity Validity { get; init; }

    /// <summary>The good-till-date expiry.</summary>
    public Instant Expiry { get; init; }

    /// <summary>The iceberg peak in MWh; 0 for a fully displayed order.</summary>
    public decimal PeakMwh { get; init; }

    /// <summary>The order's location tag (e.g. a congestion area); null = untagged.</summary>
    public string? Location { get; init; }

    /// <summary>How <see cref="FilterLocation"/> restricts the counterparty.</summary>
    public LocationFilterMode FilterMode { get; init; }

    /// <summary>The location the filter refers to.</summary>
    public string? FilterLocation { get; init; }
}
