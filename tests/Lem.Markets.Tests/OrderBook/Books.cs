using Lem.Domain.Orders;
using Lem.Markets.OrderBook;
using NodaTime;
using Book = Lem.Markets.OrderBook.OrderBook;

namespace Lem.Markets.Tests.OrderBook;

/// <summary>Test books: tick 1 EUR/MWh and lot 1 MWh so that ticks read as prices and lots as MWh.</summary>
internal static class Books
{
    public static readonly Instant Start = Instant.FromUtc(2026, 3, 1, 8, 0);

    public static OrderBookProduct Product(SelfTradePrevention stp = SelfTradePrevention.CancelNewest, decimal? marketBuyMax = null) => new()
    {
        ProductId = "P1",
        DeliveryStart = Start + Duration.FromHours(12),
        DeliveryEnd = Start + Duration.FromHours(12.25),
        GateClosure = Start + Duration.FromHours(10),
        TickSizeEurPerMwh = 1m,
        LotSizeMwh = 1m,
        SelfTradePrevention = stp,
        MarketBuyMaxSweepPriceEurPerMwh = marketBuyMax,
        MaxLiveOrders = 4096,
    };

    public static (Book Book, OrderBookEventLog Log, ManualClock Clock) Create(SelfTradePrevention stp = SelfTradePrevention.CancelNewest, decimal? marketBuyMax = null)
    {
        var clock = new ManualClock(Start);
        var log = new OrderBookEventLog();
        return (new Book(Product(stp, marketBuyMax), clock, log), log, clock);
    }

    public static OrderEntry Limit(int participant, long id, OrderSide side, long lots, long price, ExecutionCondition condition = ExecutionCondition.None) =>
        new() { Participant = participant, ClientOrderId = id, Side = side, Lots = lots, PriceTicks = price, Condition = condition };

    public static OrderEntry Buy(int participant, long id, long lots, long price, ExecutionCondition condition = ExecutionCondition.None) =>
        Limit(participant, id, OrderSide.Buy, lots, price, condition);

    public static OrderEntry Sell(int participant, long id, long lots, long price, ExecutionCondition condition = ExecutionCondition.None) =>
        Limit(participant, id, OrderSide.Sell, lots, price, condition);

    /// <summary>Trades as (aggressor id, resting id, lots, price) from event index <paramref name="from"/> on.</summary>
    public static List<(long Aggressor, long Resting, long Lots, long Price)> Trades(OrderBookEventLog log, int from = 0)
    {
        var list = new List<(long, long, long, long)>();
        for (var i = from; i < log.Events.Count; i++)
        {
            var e = log.Events[i];
            if (e.Kind == OrderBookEventKind.Traded)
            {
                list.Add((e.Order.ClientOrderId, e.Counterparty.ClientOrderId, e.Lots, e.PriceTicks));
            }
        }

        return list;
    }

    public static void AssertReplays(Book book, OrderBookEventLog log, IClock clock)
    {
        var replayed = Book.Replay(book.Product, clock, log.Events, new OrderBookEventLog());
        var a = book.Snapshot();
        var b = replayed.Snapshot();
        Assert.True(a.IsIdenticalTo(b), $"replay differs:\n{string.Join('\n', a.Bids.Concat(a.Asks))}\nvs\n{string.Join('\n', b.Bids.Concat(b.Asks))}");
    }
}
