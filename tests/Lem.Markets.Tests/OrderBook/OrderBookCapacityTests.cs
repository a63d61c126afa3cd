using Lem.Domain.Orders;
using Lem.Markets.OrderBook;
using static Lem.Markets.Tests.OrderBook.Books;
using Book = Lem.Markets.OrderBook.OrderBook;

namespace Lem.Markets.Tests.OrderBook;

/// <summary>
/// The per-participant cap, order storage that grows on demand, and price levels allocated on demand
/// (docs/order-book.md, "Capacity").
/// </summary>
public sealed class OrderBookCapacityTests
{
    [Fact]
    public void ParticipantAtItsCap_IsRejected_WhileAnotherParticipantIsAccepted()
    {
        var clock = new ManualClock(Start);
        var log = new OrderBookEventLog();
        var book = new Book(Product() with { MaxLiveOrdersPerParticipant = 3 }, clock, log);
        for (var i = 1; i <= 3; i++)
        {
            Assert.Equal(ReasonCode.None, book.Submit(Buy(1, i, 1, 40 + i)));
        }

        Assert.Equal(ReasonCode.ParticipantOrderLimit, book.Submit(Buy(1, 4, 1, 45)));
        Assert.Equal((OrderBookEventKind.Rejected, ReasonCode.ParticipantOrderLimit), (log.Events[^1].Kind, log.Events[^1].Reason));
        Assert.Equal(ReasonCode.None, book.Submit(Buy(2, 4, 1, 45)));
        Assert.Equal((3, 1, 4), (book.LiveOrderCountOf(1), book.LiveOrderCountOf(2), book.LiveOrderCount));

        // A cancel gives the participant room again.
        Assert.Equal(ReasonCode.None, book.Cancel(new OrderKey(1, 2)));
        Assert.Equal(ReasonCode.None, book.Submit(Buy(1, 5, 1, 46)));
        Assert.Equal(ReasonCode.ParticipantOrderLimit, book.Submit(Sell(1, 6, 1, 60)));
        AssertReplays(book, log, clock);
    }

    [Fact]
    public void AnOrderThatFillsAtOnce_DoesNotCountAgainstTheCap()
    {
        var clock = new ManualClock(Start);
        var log = new OrderBookEventLog();
        var book = new Book(Product() with { MaxLiveOrdersPerParticipant = 1 }, clock, log);
        Assert.Equal(ReasonCode.None, book.Submit(Sell(2, 1, 5, 50)));
        Assert.Equal(ReasonCode.None, book.Submit(Buy(1, 1, 2, 50)));
        Assert.Equal(ReasonCode.None, book.Submit(Buy(1, 2, 2, 50)));
        Assert.Equal(0, book.LiveOrderCountOf(1));

        // Its resting order counts; the counterparty's resting order counted all along.
        Assert.Equal(ReasonCode.None, book.Submit(Buy(1, 3, 1, 40)));
        Assert.Equal(ReasonCode.ParticipantOrderLimit, book.Submit(Buy(1, 4, 1, 41)));
        Assert.Equal(ReasonCode.ParticipantOrderLimit, book.Submit(Sell(2, 2, 1, 60)));
    }

    [Fact]
    public void Storage_GrowsOnDemand_UpToTheCapacity_KeepingEveryOrderInPlace()
    {
        const int capacity = 5000;
        var clock = new ManualClock(Start);
        var log = new OrderBookEventLog();
        var book = new Book(Product() with { MaxLiveOrders = capacity, TickSizeEurPerMwh = 0.01m }, clock, log);
        var expected = new List<(long Price, long Id)>();
        for (var i = 0; i < capacity; i++)
        {
            var price = 1000 + (i * 7919 % 3000);
            Assert.Equal(ReasonCode.None, book.Submit(Buy(i % 50, i + 1, 1 + (i % 3), price)));
            expected.Add((price, i + 1));
        }

        Assert.Equal(ReasonCode.BookFull, book.Submit(Buy(99, 1, 1, 1000)));

        // Room for the aggressor below (it is live while it matches).
        Assert.Equal(ReasonCode.None, book.Cancel(new OrderKey((capacity - 1) % 50, capacity)));
        expected.RemoveAt(capacity - 1);

        // Bids in matching order by hand: highest price first, then the earlier order.
        var order = expected.OrderByDescending(x => x.Price).ThenBy(x => x.Id).ToList();
        var bids = book.Snapshot().Bids;
        Assert.Equal(order.Select(x => x.Id), bids.Select(b => b.Key.ClientOrderId));
        Assert.Equal(order.Select(x => x.Price), bids.Select(b => b.PriceTicks));

        // A sell sweeping the top three levels trades them in price order.
        var top = order.Take(3).ToList();
        var lots = bids.Take(3).Sum(b => b.RemainingLots);
        var from = log.Events.Count;
        Assert.Equal(ReasonCode.None, book.Submit(Sell(98, 1, lots, top[2].Price, ExecutionCondition.ImmediateOrCancel)));
        Assert.Equal(top.Select(x => (1L, x.Id, x.Price)), Trades(log, from).Select(t => (t.Aggressor, t.Resting, t.Price)));
        AssertReplays(book, log, clock);
    }

    [Fact]
    public void FineTick_AllocatesLevelPagesOnlyWhereOrdersRest_AndMatchesAcrossFarLevels()
    {
        // 0.001 EUR/MWh over −500…4000 EUR/MWh: 4.5 million levels, none allocated while the book is empty.
        var clock = new ManualClock(Start);
        var log = new OrderBookEventLog();
        var product = Product() with { TickSizeEurPerMwh = 0.001m, MinPriceEurPerMwh = -500m, MaxPriceEurPerMwh = 4000m };
        var book = new Book(product, clock, log);
        Assert.Equal(0, book.AllocatedLevelPages);
        Assert.Equal((-500_000L, 4_000_000L), (book.MinPriceTicks, book.MaxPriceTicks));

        // Asks at the band's top, at 1000 EUR/MWh, at 100.001 EUR/MWh and at the band's bottom: four pages, far apart.
        Assert.Equal(ReasonCode.None, book.Submit(Sell(1, 1, 2, 4_000_000)));
        Assert.Equal(ReasonCode.None, book.Submit(Sell(2, 2, 2, 1_000_000)));
        Assert.Equal(ReasonCode.None, book.Submit(Sell(3, 3, 2, 100_001)));
        Assert.Equal(ReasonCode.None, book.Submit(Sell(4, 4, 2, -500_000)));
        Assert.Equal(4, book.AllocatedLevelPages);
        Assert.Equal(-500_000L, book.BestAskTicks);

        // A buy up to the top walks them from the lowest: 2 at −500, 2 at 100.001, 2 at 1000, 1 at 4000.
        var from = log.Events.Count;
        Assert.Equal(ReasonCode.None, book.Submit(Buy(9, 9, 7, 4_000_000)));
        var expected = new List<(long, long, long, long)> { (9, 4, 2, -500_000), (9, 3, 2, 100_001), (9, 2, 2, 1_000_000), (9, 1, 1, 4_000_000) };
        Assert.Equal(expected, Trades(log, from));
        Assert.Equal(4_000_000L, book.BestAskTicks);
        Assert.Null(book.BestBidTicks);

        // Bids next to a page boundary (256 levels a page): the best moves across it when the top one goes.
        Assert.Equal(ReasonCode.None, book.Submit(Buy(5, 5, 1, 50_000 - 300)));
        Assert.Equal(ReasonCode.None, book.Submit(Buy(6, 6, 1, 50_000)));
        Assert.Equal(50_000L, book.BestBidTicks);
        Assert.Equal(ReasonCode.None, book.Cancel(new OrderKey(6, 6)));
        Assert.Equal(50_000L - 300, book.BestBidTicks);
        AssertReplays(book, log, clock);
    }

    [Fact]
    public void InvalidCaps_AreRefused()
    {
        var clock = new ManualClock(Start);
        Assert.Throws<ArgumentException>(() => new Book(Product() with { MaxLiveOrdersPerParticipant = 0 }, clock, new OrderBookEventLog()));
        Assert.Throws<ArgumentException>(() => new Book(Product() with { MaxLiveOrders = 0 }, clock, new OrderBookEventLog()));
    }

    [Fact]
    public void TheSide_OfAnOrderDoesNotMatter_ForTheCap()
    {
        var clock = new ManualClock(Start);
        var book = new Book(Product() with { MaxLiveOrdersPerParticipant = 2 }, clock, new OrderBookEventLog());
        Assert.Equal(ReasonCode.None, book.Submit(Buy(1, 1, 1, 40)));
        Assert.Equal(ReasonCode.None, book.Submit(Sell(1, 2, 1, 60)));
        Assert.Equal(ReasonCode.ParticipantOrderLimit, book.Submit(Limit(1, 3, OrderSide.Buy, 1, 41)));
    }
}
