using Lem.Domain.Orders;
using Lem.Markets.OrderBook;
using static Lem.Markets.Tests.OrderBook.Books;

namespace Lem.Markets.Tests.OrderBook;

/// <summary>The worked example of docs/order-book.md, step by step. Ids: S1..S4 = 1..4, B1..B4 = 11..14, each its own participant.</summary>
public sealed class WorkedSequenceTests
{
    [Fact]
    public void Section81_Sequence_ReproducesEveryTradeCancelAndTheFinalBook()
    {
        var (book, log, clock) = Create();

        Assert.Equal(ReasonCode.None, book.Submit(Sell(1, 1, 10, 50)));
        Assert.Equal(ReasonCode.None, book.Submit(Sell(2, 2, 5, 48)));
        var mark = log.Events.Count;
        Assert.Equal(ReasonCode.None, book.Submit(Buy(11, 11, 8, 47)));
        Assert.Empty(Trades(log, mark));

        mark = log.Events.Count;
        book.Submit(Buy(12, 12, 12, 51));
        Assert.Equal([(12L, 2L, 5L, 48L), (12L, 1L, 7L, 50L)], Trades(log, mark));
        Assert.Equal(3, book.Snapshot().Asks.Single(o => o.Key.ClientOrderId == 1).RemainingLots);
        Assert.False(book.Contains(new OrderKey(12, 12)));

        mark = log.Events.Count;
        book.Submit(Sell(3, 3, 10, 46, ExecutionCondition.ImmediateOrCancel));
        Assert.Equal([(3L, 11L, 8L, 47L)], Trades(log, mark));
        var cancel = log.Events.Last();
        Assert.Equal(OrderBookEventKind.Cancelled, cancel.Kind);
        Assert.Equal(ReasonCode.ImmediateOrCancelRemainder, cancel.Reason);
        Assert.Equal(2, cancel.Lots);

        mark = log.Events.Count;
        book.Submit(Buy(13, 13, 5, 50, ExecutionCondition.FillOrKill));
        Assert.Empty(Trades(log, mark));
        Assert.Contains(log.Events.Skip(mark), e => e.Kind == OrderBookEventKind.Cancelled && e.Reason == ReasonCode.FillOrKillNotFillable && e.Lots == 5);

        book.Submit(Sell(4, 4, 4, 50));
        var asks = book.Snapshot().Asks;
        Assert.Equal([1L, 4L], asks.Select(o => o.Key.ClientOrderId));
        Assert.True(asks[0].Priority < asks[1].Priority);

        mark = log.Events.Count;
        book.Submit(new OrderEntry { Participant = 14, ClientOrderId = 14, Side = OrderSide.Buy, Type = OrderType.Market, Lots = 5 });
        Assert.Equal([(14L, 1L, 3L, 50L), (14L, 4L, 2L, 50L)], Trades(log, mark));

        var final = book.Snapshot();
        Assert.Empty(final.Bids);
        var s4 = Assert.Single(final.Asks);
        Assert.Equal((4L, 2L, 50L), (s4.Key.ClientOrderId, s4.RemainingLots, s4.PriceTicks));
        Assert.Equal(50, book.BestAskTicks);
        Assert.Null(book.BestBidTicks);
        AssertReplays(book, log, clock);
    }
}
