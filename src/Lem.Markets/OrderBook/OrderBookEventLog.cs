namespace Lem.Markets.OrderBook;

/// <summary>A sink that keeps every event in a growing list (for tests, replay and the friendly API; allocates only when the list grows).</summary>
public sealed class OrderBookEventLog : IOrderBookEventSink
{
    private readonly List<OrderBookEvent> _events;

    /// <summary>Creates an empty log with room for <paramref name="capacity"/> events.</summary>
    public OrderBookEventLog(int capacity = 256) => _events = new List<OrderBookEvent>(capacity);

    /// <summary>The events so far, in order.</summary>
    public IReadOnlyList<OrderBookEvent> Events => _events;

    /// <inheritdoc />
    public void OnEvent(in OrderBookEvent e) => _events.Add(e);

    /// <summary>Forgets the events kept so far.</summary>
    public void Clear() => _events.Clear();
}
