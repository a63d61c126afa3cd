namespace Lem.Markets.OrderBook;

/// <summary>A full copy of an order book's state, for inspection and for comparing a replayed book with the original.</summary>
/// <param name="ProductId">The product.</param>
/// <param name="GateClosed">Whether the gate has closed.</param>
/// <param name="NextPriority">The next time priority the book will hand out.</param>
/// <param name="NextEventSequence">The next event sequence number.</param>
/// <param name="Bids">The resting bids in matching order: price descending, then time priority.</param>
/// <param name="Asks">The resting asks in matching order: price ascending, then time priority.</param>
public sealed record OrderBookSnapshot(
    string ProductId,
    bool GateClosed,
    long NextPriority,
    long NextEventSequence,
    IReadOnlyList<RestingOrder> Bids,
    IReadOnlyList<RestingOrder> Asks)
{
    /// <summary>Whether <paramref name="other"/> describes exactly the same book (every field of every resting order, in order).</summary>
    public bool IsIdenticalTo(OrderBookSnapshot other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return ProductId == other.ProductId && GateClosed == other.GateClosed && NextPriority == other.NextPriority
            && NextEventSequence == other.NextEventSequence && Bids.SequenceEqual(other.Bids) && Asks.SequenceEqual(other.Asks);
    }
}
