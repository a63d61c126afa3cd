using Lem.Domain.Orders;
using Lem.Markets.OrderBook;
using NodaTime;
using static Lem.Markets.Tests.OrderBook.Books;

namespace Lem.Markets.Tests.OrderBook;

public sealed class RejectionTests
{
    [Theory]
    [InlineData(0, 50, ReasonCode.NonPositiveQuantity)]
    [InlineData(-3, 50, ReasonCode.NonPositiveQuantity)]
    [InlineData(5, -501, ReasonCode.PriceOutOfBounds)]
    [InlineData(5, 4001, ReasonCode.PriceOutOfBounds)]
    public void InvalidOrder_IsRejectedWithReason_AndAnEvent(long lots, long price, ReasonCode expected)
    {
        var (book, log, _) = Create();
        Assert.Equal(expected, book.Submit(Buy(1, 1, lots, price)));
        Assert.Equal((OrderBookEventKind.Rejected, expected), (log.Events[^1].Kind, log.Events[^1].Reason));
        Assert.Equal(0, book.LiveOrderCount);
    }

    [Fact]
    public void BandEdges_AreAccepted()
    {
        var (book, _, _) = Create();
        Assert.Equal(ReasonCode.None, book.Submit(Buy(1, 1, 1, -500)));
        Assert.Equal(ReasonCode.None, book.Submit(Sell(2, 2, 1, 4000)));
    }

    [Fact]
    public void DuplicateClientOrderId_PerParticipant_IsRejected()
    {
        var (book, _, _) = Create();
        Assert.Equal(ReasonCode.None, book.Submit(Buy(1, 7, 1, 40)));
        Assert.Equal(ReasonCode.DuplicateClientOrderId, book.Submit(Buy(1, 7, 2, 41)));
        Assert.Equal(ReasonCode.None, book.Submit(Buy(2, 7, 2, 41)));
    }

    [Fact]
    public void BadIceberg_AndAllOrNoneMarket_AreRejected()
    {
        var (book, _, _) = Create();
        Assert.Equal(ReasonCode.InvalidPeak, book.Submit(Buy(1, 1, 5, 40) with { PeakLots = 6 }));
        Assert.Equal(ReasonCode.InvalidPeak, book.Submit(Buy(1, 1, 5, 40, ExecutionCondition.ImmediateOrCancel) with { PeakLots = 2 }));
        Assert.Equal(ReasonCode.InvalidCondition, book.Submit(new OrderEntry { Participant = 1, ClientOrderId = 1, Side = OrderSide.Buy, Type = OrderType.Market, Lots = 5, Condition = ExecutionCondition.AllOrNone }));
    }

    [Fact]
    public void Market_UnknownProduct_OffTick_OffLot_AfterGate_AreRejectedNotThrown()
    {
        var clock = new ManualClock(Start);
        var product = Product() with { TickSizeEurPerMwh = 0.01m, LotSizeMwh = 0.1m };
        var market = new ContinuousMarket(clock, [product]);
        var alice = new ParticipantId("alice");
        var bob = new ParticipantId("bob");
        MarketOrderRequest Request(string product, decimal price, decimal qty, long id = 1) =>
            new() { ProductId = product, ClientOrderId = id, Order = new Order(new OrderId($"alice-{id}"), alice, OrderSide.Sell, 0, price, qty * 1000m) };

        Assert.Equal(ReasonCode.UnknownProduct, market.Submit(Request("nope", 50m, 1m)).Reason);
        Assert.Equal(ReasonCode.PriceNotOnTick, market.Submit(Request("P1", 50.001m, 1m)).Reason);
        Assert.Equal(ReasonCode.QuantityNotOnLot, market.Submit(Request("P1", 50m, 1.05m)).Reason);
        Assert.Equal(ReasonCode.NonPositiveQuantity, market.Submit(Request("P1", 50m, 0m)).Reason);
        Assert.Equal(ReasonCode.PriceOutOfBounds, market.Submit(Request("P1", 4000.01m, 1m)).Reason);
        Assert.True(market.Submit(Request("P1", 50.25m, 1.5m)).Accepted);
        Assert.Equal(ReasonCode.DuplicateClientOrderId, market.Submit(Request("P1", 50m, 1m)).Reason);

        var buy = market.Submit(new MarketOrderRequest { ProductId = "P1", ClientOrderId = 1, Order = new Order(new OrderId("bob-1"), bob, OrderSide.Buy, 0, 60m, 1000m) });
        var trade = Assert.Single(buy.Trades);
        Assert.Equal((bob, alice, 50.25m, 1.0m), (trade.Aggressor, trade.Resting, trade.PriceEurPerMwh, trade.QuantityMwh));

        clock.Advance(Duration.FromHours(11));
        Assert.Equal(ReasonCode.GateClosed, market.Submit(Request("P1", 50m, 1m, 2)).Reason);
        Assert.Equal(ReasonCode.UnknownProduct, market.Cancel("nope", alice, 1).Reason);
        Assert.Equal(ReasonCode.UnknownOrder, market.Cancel("P1", alice, 1).Reason);
    }
}
