namespace Lem.Markets.OrderBook;

/// <summary>Receives every state change of an order book, synchronously, in order. Implementations must not call back into the book.</summary>
public interface IOrderBookEventSink
{
    /// <summary>Called once per event; the event is passed by reference and must be copied if kept.</summary>
    void OnEvent(in OrderBookEvent e);
}
