using Lem.Domain.Ids;
using Lem.Domain.Orders;

namespace Lem.Domain.Tests;

public sealed class OrderTests
{
    private static PriceStep Step(decimal price, decimal kwh) => new(price, kwh);

    [Fact]
    public void Offer_StepsAreSortedByAscendingPrice()
    {
        var o = new Order(new OrderId("o"), new ParticipantId("p"), OrderSide.Sell, 0, [Step(35, 1), Step(10, 2), Step(20, 3)]);
        Assert.Equal([10m, 20m, 35m], o.Steps.Select(s => s.PriceEurPerMwh));
        Assert.Equal(6m, o.TotalQuantityKwh);
    }

    [Fact]
    public void Bid_StepsAreSortedByDescendingPrice()
    {
        var o = new Order(new OrderId("b"), new ParticipantId("p"), OrderSide.Buy, 3, [Step(15, 1), Step(50, 2), Step(30, 3)]);
        Assert.Equal([50m, 30m, 15m], o.Steps.Select(s => s.PriceEurPerMwh));
        Assert.Equal(3, o.SlotIndex);
    }

    [Fact]
    public void Order_WithoutSteps_IsMisuse()
    {
        Assert.Throws<ArgumentException>(() => new Order(new OrderId("o"), new ParticipantId("p"), OrderSide.Sell, 0, []));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Order(new OrderId("o"), new ParticipantId("p"), OrderSide.Sell, -1, [Step(1, 1)]));
    }
}
