namespace Lem.Markets.OrderBook;

/// <summary>A delivery product traded continuously in its own book: id, delivery period, gate closure, tick and lot sizes, price band.</summary>
public sealed record OrderBookProduct
{
    /// <summary>The product id (e.g. "2026-03-01T12:00/15min").</summary>
    public required string ProductId { get; init; }

    /// <summary>The start of delivery.</summary>
    public Instant DeliveryStart { get; init; }

    /// <summary>The end of delivery (exclusive).</summary>
    public Instant DeliveryEnd { get; init; }

    /// <summary>The gate closure: from this instant no orders are accepted and resting orders expire.</summary>
    public required Instant GateClosure { get; init; }

    /// <summary>The price tick in EUR/MWh.</summary>
    public decimal TickSizeEurPerMwh { get; init; } = 0.01m;

    /// <summary>The lot size in MWh.</summary>
    public decimal LotSizeMwh { get; init; } = 0.001m;

    /// <summary>The lowest admissible price in EUR/MWh.</summary>
    public decimal MinPriceEurPerMwh { get; init; } = -500m;

    /// <summary>The highest admissible price in EUR/MWh.</summary>
    public decimal MaxPriceEurPerMwh { get; init; } = 4000m;

    /// <summary>The highest price a market buy order sweeps to, EUR/MWh; null = the band's maximum.</summary>
    public decimal? MarketBuyMaxSweepPriceEurPerMwh { get; init; }

    /// <summary>The lowest price a market sell order sweeps to, EUR/MWh; null = the band's minimum.</summary>
    public decimal? MarketSellMinSweepPriceEurPerMwh { get; init; }

    /// <summary>What self-trade prevention does.</summary>
    public SelfTradePrevention SelfTradePrevention { get; init; } = SelfTradePrevention.CancelNewest;

    /// <summary>
    /// The most live orders the book holds; further orders are rejected with <see cref="ReasonCode.BookFull"/>. The
    /// order storage starts small and doubles on demand up to it, so a large capacity costs nothing until it is used.
    /// </summary>
    public int MaxLiveOrders { get; init; } = 65_536;

    /// <summary>
    /// The most live orders one participant may hold in the book (null = no cap); further orders of that participant are
    /// rejected with <see cref="ReasonCode.ParticipantOrderLimit"/>, before the book's own capacity is looked at.
    /// </summary>
    public int? MaxLiveOrdersPerParticipant { get; init; }
}
