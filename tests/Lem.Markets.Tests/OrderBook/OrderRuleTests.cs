using Lem.Domain.Orders;
using Lem.Markets.OrderBook;
using NodaTime;
using static Lem.Markets.Tests.OrderBook.Books;

namespace Lem.Markets.Tests.OrderBook;

public sealed class OrderRuleTests
{
    [Fact]
    public void Iceberg_RefilledPeak_GetsNewTimePriority_BehindLaterOrders()
    {
        var (book, log, clock) = Create();
        book.Submit(Sell(1, 1, 10, 50) with { PeakLots = 3 });
        book.Submit(Sell(2, 2, 5, 50));
        Assert.Equal(3, book.Snapshot().Asks[0].DisplayedLots);

        book.Submit(Buy(9, 90, 3, 50));
        var asks = book.Snapshot().Asks;
        Assert.Equal([2L, 1L], asks.Select(o => o.Key.ClientOrderId));
        Assert.Equal((7L, 3L), (asks[1].RemainingLots, asks[1].DisplayedLots));
        Assert.Contains(log.Events, e => e.Kind == OrderBookEventKind.IcebergRefilled && e.Order.ClientOrderId == 1 && e.DisplayedLots == 3);

        var mark = log.Events.Count;
        book.Submit(Buy(9, 91, 4, 50));
        Assert.Equal([(91L, 2L, 4L, 50L)], Trades(log, mark));
        AssertReplays(book, log, clock);
    }

    [Fact]
    public void Iceberg_LargeAggressor_SweepsPeaksAndReserve()
    {
        var (book, log, clock) = Create();
        book.Submit(Sell(1, 1, 7, 50) with { PeakLots = 3 });
        var mark = log.Events.Count;
        book.Submit(Buy(9, 90, 7, 50));
        Assert.Equal([(90L, 1L, 3L, 50L), (90L, 1L, 3L, 50L), (90L, 1L, 1L, 50L)], Trades(log, mark));
        Assert.Empty(book.Snapshot().Asks);
        AssertReplays(book, log, clock);
    }

    [Fact]
    public void Amend_Increase_LosesPriority_Decrease_KeepsIt()
    {
        var (book, log, clock) = Create();
        book.Submit(Sell(1, 1, 5, 50));
        book.Submit(Sell(2, 2, 5, 50));

        Assert.Equal(ReasonCode.None, book.Amend(new OrderKey(1, 1), 50, 3));
        Assert.Equal([1L, 2L], book.Snapshot().Asks.Select(o => o.Key.ClientOrderId));
        Assert.Equal(3, book.Snapshot().Asks[0].RemainingLots);

        Assert.Equal(ReasonCode.None, book.Amend(new OrderKey(1, 1), 50, 6));
        Assert.Equal([2L, 1L], book.Snapshot().Asks.Select(o => o.Key.ClientOrderId));
        AssertReplays(book, log, clock);
    }

    [Fact]
    public void Amend_PriceChange_LosesPriority_AndMatchesWhenItCrosses()
    {
        var (book, log, clock) = Create();
        book.Submit(Sell(1, 1, 5, 50));
        book.Submit(Sell(2, 2, 5, 51));
        book.Submit(Buy(3, 3, 4, 49));
        Assert.Equal(ReasonCode.None, book.Amend(new OrderKey(2, 2), 50, 5));
        Assert.Equal([1L, 2L], book.Snapshot().Asks.Select(o => o.Key.ClientOrderId));

        var mark = log.Events.Count;
        Assert.Equal(ReasonCode.None, book.Amend(new OrderKey(3, 3), 50, 7));
        Assert.Equal([(3L, 1L, 5L, 50L), (3L, 2L, 2L, 50L)], Trades(log, mark));
        Assert.Empty(book.Snapshot().Bids);
        Assert.Equal(ReasonCode.InvalidAmendment, book.Amend(new OrderKey(2, 2), 50, 3));
        Assert.Equal(ReasonCode.UnknownOrder, book.Amend(new OrderKey(3, 3), 50, 1));
        AssertReplays(book, log, clock);
    }

    [Fact]
    public void AllOrNone_Resting_ExecutesOnlyInFull()
    {
        var (book, log, clock) = Create();
        book.Submit(Sell(1, 1, 10, 50, ExecutionCondition.AllOrNone));
        var mark = log.Events.Count;
        book.Submit(Buy(2, 2, 5, 50));
        Assert.Empty(Trades(log, mark));
        Assert.Single(book.Snapshot().Bids);

        mark = log.Events.Count;
        book.Submit(Buy(3, 3, 12, 50));
        Assert.Equal([(3L, 1L, 10L, 50L)], Trades(log, mark));
        Assert.Empty(book.Snapshot().Asks);
        Assert.Equal(2, book.Snapshot().Bids.Count);
        AssertReplays(book, log, clock);
    }

    [Fact]
    public void AllOrNone_Aggressor_RestsUntilItCanFillInFull()
    {
        var (book, log, clock) = Create();
        book.Submit(Sell(1, 1, 5, 50));
        var mark = log.Events.Count;
        book.Submit(Buy(2, 2, 8, 52, ExecutionCondition.AllOrNone));
        Assert.Empty(Trades(log, mark));
        Assert.Single(book.Snapshot().Bids);

        mark = log.Events.Count;
        book.Submit(Sell(3, 3, 8, 51));
        Assert.Equal([(3L, 2L, 8L, 52L)], Trades(log, mark));
        Assert.Empty(book.Snapshot().Bids);
        AssertReplays(book, log, clock);
    }

    [Fact]
    public void FillOrKill_FillsInFull_WhenEnoughIsAvailable()
    {
        var (book, log, _) = Create();
        book.Submit(Sell(1, 1, 3, 50));
        book.Submit(Sell(2, 2, 3, 51));
        var mark = log.Events.Count;
        book.Submit(Buy(3, 3, 5, 51, ExecutionCondition.FillOrKill));
        Assert.Equal([(3L, 1L, 3L, 50L), (3L, 2L, 2L, 51L)], Trades(log, mark));
    }

    [Fact]
    public void MarketOrder_StopsAtTheMaximumSweepPrice_AndCancelsTheRest()
    {
        var (book, log, _) = Create(marketBuyMax: 50m);
        book.Submit(Sell(1, 1, 2, 50));
        book.Submit(Sell(2, 2, 2, 55));
        var mark = log.Events.Count;
        book.Submit(new OrderEntry { Participant = 3, ClientOrderId = 3, Side = OrderSide.Buy, Type = OrderType.Market, Lots = 4 });
        Assert.Equal([(3L, 1L, 2L, 50L)], Trades(log, mark));
        Assert.Equal(ReasonCode.MarketOrderRemainder, log.Events[^1].Reason);
        Assert.Equal(2, log.Events[^1].Lots);
    }

    [Fact]
    public void GoodTillDate_ExpiresAsAnEvent_GoodForSession_AtSessionEnd()
    {
        var (book, log, clock) = Create();
        book.Submit(Sell(1, 1, 2, 50) with { Validity = OrderValidity.GoodTillDate, Expiry = Start + Duration.FromMinutes(5) });
        book.Submit(Sell(2, 2, 2, 51));
        book.Submit(Sell(3, 3, 2, 52) with { Validity = OrderValidity.GoodTillDate, Expiry = Start + Duration.FromHours(1) });
        clock.Advance(Duration.FromMinutes(5));
        book.ProcessTime();
        var expired = log.Events[^1];
        Assert.Equal((OrderBookEventKind.Expired, ReasonCode.GoodTillDateReached, 1L), (expired.Kind, expired.Reason, expired.Order.ClientOrderId));
        Assert.Equal([2L, 3L], book.Snapshot().Asks.Select(o => o.Key.ClientOrderId));

        book.EndSession();
        Assert.Equal([3L], book.Snapshot().Asks.Select(o => o.Key.ClientOrderId));
        Assert.Contains(log.Events, e => e.Kind == OrderBookEventKind.Expired && e.Reason == ReasonCode.SessionEnded && e.Order.ClientOrderId == 2);
        Assert.Equal(ReasonCode.InvalidExpiry, book.Submit(Sell(4, 4, 1, 50) with { Validity = OrderValidity.GoodTillDate, Expiry = clock.Now }));
        AssertReplays(book, log, clock);
    }

    [Fact]
    public void GateClosure_ExpiresRestingOrders_AndRejectsNewOnes()
    {
        var (book, log, clock) = Create();
        book.Submit(Sell(1, 1, 2, 50));
        book.Submit(Buy(2, 2, 2, 40));
        clock.Advance(Duration.FromHours(10));
        Assert.Equal(ReasonCode.GateClosed, book.Submit(Sell(3, 3, 2, 50)));
        Assert.True(book.IsGateClosed);
        Assert.Equal(2, log.Events.Count(e => e.Kind == OrderBookEventKind.Expired && e.Reason == ReasonCode.GateClosure));
        Assert.Contains(log.Events, e => e.Kind == OrderBookEventKind.GateClosed);
        Assert.Equal(ReasonCode.GateClosed, log.Events[^1].Reason);
        Assert.Empty(book.Snapshot().Asks);
        Assert.Empty(book.Snapshot().Bids);
        AssertReplays(book, log, clock);
    }

    [Fact]
    public void SelfTrade_CancelNewest_CancelsTheIncomingOrder()
    {
        var (book, log, clock) = Create(SelfTradePrevention.CancelNewest);
        book.Submit(Sell(1, 1, 5, 50));
        var mark = log.Events.Count;
        book.Submit(Buy(1, 2, 3, 50));
        Assert.Empty(Trades(log, mark));
        Assert.Equal((OrderBookEventKind.Cancelled, ReasonCode.SelfTradePrevented, 2L), (log.Events[^1].Kind, log.Events[^1].Reason, log.Events[^1].Order.ClientOrderId));
        Assert.Single(book.Snapshot().Asks);
        Assert.Empty(book.Snapshot().Bids);
        AssertReplays(book, log, clock);
    }

    [Fact]
    public void SelfTrade_CancelOldest_CancelsTheRestingOrder_AndMatchingGoesOn()
    {
        var (book, log, clock) = Create(SelfTradePrevention.CancelOldest);
        book.Submit(Sell(1, 1, 5, 50));
        book.Submit(Sell(2, 2, 5, 51));
        var mark = log.Events.Count;
        book.Submit(Buy(1, 3, 3, 51));
        Assert.Equal([(3L, 2L, 3L, 51L)], Trades(log, mark));
        Assert.Contains(log.Events.Skip(mark), e => e.Kind == OrderBookEventKind.Cancelled && e.Reason == ReasonCode.SelfTradePrevented && e.Order.ClientOrderId == 1);
        Assert.Equal([2L], book.Snapshot().Asks.Select(o => o.Key.ClientOrderId));
        AssertReplays(book, log, clock);
    }

    [Fact]
    public void LocationFilter_MatchesOnlyAcceptableLocations()
    {
        var (book, log, clock) = Create();
        book.Submit(Sell(1, 1, 5, 50) with { Location = 1 });
        book.Submit(Sell(2, 2, 5, 51) with { Location = 2 });
        var mark = log.Events.Count;
        book.Submit(Buy(3, 3, 5, 52) with { Location = 1, Filter = new LocationFilter(LocationFilterMode.Exclude, 1) });
        Assert.Equal([(3L, 2L, 5L, 51L)], Trades(log, mark));

        mark = log.Events.Count;
        book.Submit(Buy(4, 4, 2, 52) with { Filter = new LocationFilter(LocationFilterMode.Only, 2) });
        Assert.Empty(Trades(log, mark));
        Assert.Equal([1L], book.Snapshot().Asks.Select(o => o.Key.ClientOrderId));
        Assert.Equal([4L], book.Snapshot().Bids.Select(o => o.Key.ClientOrderId));

        mark = log.Events.Count;
        book.Submit(Buy(5, 5, 1, 50) with { Filter = new LocationFilter(LocationFilterMode.Only, 1) });
        Assert.Equal([(5L, 1L, 1L, 50L)], Trades(log, mark));
        AssertReplays(book, log, clock);
    }

    [Fact]
    public void RestingOrderFilter_AlsoApplies()
    {
        var (book, log, _) = Create();
        book.Submit(Sell(1, 1, 5, 50) with { Filter = new LocationFilter(LocationFilterMode.Only, 7) });
        var mark = log.Events.Count;
        book.Submit(Buy(2, 2, 5, 50) with { Location = 3 });
        Assert.Empty(Trades(log, mark));
        book.Submit(Buy(3, 3, 5, 50) with { Location = 7 });
        Assert.Equal([(3L, 1L, 5L, 50L)], Trades(log, mark));
    }

    [Fact]
    public void Cancel_RemovesInConstantTime_AndUnknownIsRejected()
    {
        var (book, log, clock) = Create();
        book.Submit(Sell(1, 1, 5, 50));
        book.Submit(Sell(2, 2, 5, 50));
        book.Submit(Sell(3, 3, 5, 50));
        Assert.Equal(ReasonCode.None, book.Cancel(new OrderKey(2, 2)));
        Assert.Equal([1L, 3L], book.Snapshot().Asks.Select(o => o.Key.ClientOrderId));
        Assert.Equal(ReasonCode.UnknownOrder, book.Cancel(new OrderKey(2, 2)));
        Assert.Equal((OrderBookEventKind.Rejected, ReasonCode.UnknownOrder), (log.Events[^1].Kind, log.Events[^1].Reason));
        AssertReplays(book, log, clock);
    }
}
