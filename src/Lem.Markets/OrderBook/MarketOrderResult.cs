namespace Lem.Markets.OrderBook;

/// <summary>The outcome of a request to the friendly <see cref="ContinuousMarket"/> API.</summary>
/// <param name="Reason">Why it was rejected; <see cref="ReasonCode.None"/> when accepted.</param>
/// <param name="Trades">The trades it caused.</param>
/// <param name="Events">Every event it caused (including expiries processed before it).</param>
public sealed record MarketOrderResult(ReasonCode Reason, IReadOnlyList<MarketTrade> Trades, IReadOnlyList<OrderBookEvent> Events)
{
    /// <summary>Whether the request was accepted.</summary>
    public bool Accepted => Reason == ReasonCode.None;
}
