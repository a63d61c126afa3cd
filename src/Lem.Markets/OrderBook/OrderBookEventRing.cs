namespace Lem.Markets.OrderBook;

/// <summary>
/// A preallocated ring of the most recent events (power of two capacity, overwrites the oldest), with running counts
/// of trades and traded lots; never allocates after construction. For high-rate feeds and benchmarks.
/// </summary>
public sealed class OrderBookEventRing : IOrderBookEventSink
{
    private readonly OrderBookEvent[] _ring;
    private readonly int _mask;

    /// <summary>Creates a ring holding the last <paramref name="capacityPowerOfTwo"/> events.</summary>
    public OrderBookEventRing(int capacityPowerOfTwo = 4096)
    {
        if (capacityPowerOfTwo < 1 || (capacityPowerOfTwo & (capacityPowerOfTwo - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacityPowerOfTwo), "The capacity must be a positive power of two.");
        }

        _ring = new OrderBookEvent[capacityPowerOfTwo];
        _mask = capacityPowerOfTwo - 1;
    }

    /// <summary>The number of events received in total.</summary>
    public long Count { get; private set; }

    /// <summary>The number of trades received.</summary>
    public long Trades { get; private set; }

    /// <summary>The lots traded in total.</summary>
    public long TradedLots { get; private set; }

    /// <summary>The number of rejections received.</summary>
    public long Rejections { get; private set; }

    /// <summary>The event with sequence position <paramref name="index"/> counted from the oldest one still kept.</summary>
    public OrderBookEvent Recent(int index) => _ring[(int)((Math.Max(0, Count - _ring.Length) + index) & _mask)];

    /// <inheritdoc />
    public void OnEvent(in OrderBookEvent e)
    {
        _ring[(int)(Count & _mask)] = e;
        Count++;
        if (e.Kind == OrderBookEventKind.Traded)
        {
            Trades++;
            TradedLots += e.Lots;
        }
        else if (e.Kind == OrderBookEventKind.Rejected)
        {
            Rejections++;
        }
    }
}
