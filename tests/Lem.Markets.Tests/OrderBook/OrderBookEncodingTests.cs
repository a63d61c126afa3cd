using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Lem.Domain.Orders;
using Lem.Domain.Validation;
using Lem.Markets.OrderBook;

namespace Lem.Markets.Tests.OrderBook;

/// <summary>
/// <see cref="OrderBookEncoding"/>: orders built from whole ticks and lots (the reference: price = ticks × tick,
/// kWh = lots × lot × 1000, computed here) encode to exactly those ticks and lots and decode back to equal orders;
/// orders off the grid are refused with the reason code and a validation error naming the field.
/// </summary>
public sealed class OrderBookEncodingTests
{
    private static readonly decimal[] Ticks = [0.01m, 0.1m, 0.25m, 1m, 5m];
    private static readonly decimal[] LotsMwh = [0.001m, 0.01m, 0.1m, 0.5m, 1m];

    private static OrderBookEncoding Encoding(int tick, int lot) =>
        new(Books.Product() with { TickSizeEurPerMwh = Ticks[tick], LotSizeMwh = LotsMwh[lot] });

    private static Order Order(OrderSide side, decimal price, decimal kwh) => new(new OrderId("o1"), new ParticipantId("alice"), side, 3, price, kwh);

    [Property(MaxTest = 500)]
    public Property ConformingOrders_RoundTrip()
    {
        var gen =
            from tick in Gen.Choose(0, Ticks.Length - 1)
            from lot in Gen.Choose(0, LotsMwh.Length - 1)
            from ticks in Gen.Choose(-50_000, 400_000)
            from lots in Gen.Choose(1, 1_000_000)
            from buy in Gen.Elements(true, false)
            select (tick, lot, ticks, lots, buy);
        return Prop.ForAll(Arb.From(gen), t =>
        {
            var encoding = Encoding(t.tick, t.lot);
            var price = t.ticks * Ticks[t.tick];
            var kwh = t.lots * LotsMwh[t.lot] * 1000m;
            var side = t.buy ? OrderSide.Buy : OrderSide.Sell;
            var encoded = encoding.Encode(Order(side, price, kwh));
            Assert.True(encoded.Conforms, encoded.Error?.ToString());
            Assert.Equal(((long)t.ticks, (long)t.lots, 0L), (encoded.PriceTicks, encoded.Lots, encoded.PeakLots));

            var decoded = encoding.Decode(new OrderId("o1"), new ParticipantId("alice"), side, 3, encoded.PriceTicks, encoded.Lots);
            Assert.Equal((price, kwh), (decoded.Steps[0].PriceEurPerMwh, decoded.Steps[0].QuantityKwh));
            Assert.Equal((side, 3), (decoded.Side, decoded.SlotIndex));
        });
    }

    [Property(MaxTest = 500)]
    public Property OffGridOrders_AreRefused_WithReasonAndPath()
    {
        var gen =
            from tick in Gen.Choose(0, Ticks.Length - 1)
            from lot in Gen.Choose(0, LotsMwh.Length - 1)
            from ticks in Gen.Choose(-50_000, 400_000)
            from lots in Gen.Choose(0, 1_000_000)
            from num in Gen.Choose(1, 6)
            from offPrice in Gen.Elements(true, false)
            select (tick, lot, ticks, lots, num, offPrice);
        return Prop.ForAll(Arb.From(gen), t =>
        {
            var encoding = Encoding(t.tick, t.lot);
            var fraction = t.num / 7m; // strictly between 0 and 1, never a whole number of units
            var price = (t.ticks + (t.offPrice ? fraction : 0m)) * Ticks[t.tick];
            var kwh = (t.lots + (t.offPrice ? 1m : fraction)) * LotsMwh[t.lot] * 1000m;
            var encoded = encoding.Encode(Order(OrderSide.Sell, price, kwh));
            Assert.False(encoded.Conforms);
            var error = Assert.IsType<ValidationError>(encoded.Error);
            if (t.offPrice)
            {
                Assert.Equal((ReasonCode.PriceNotOnTick, "$.steps[0].price_eur_per_mwh", ValidationCodes.OrderPriceNotOnTick), (encoded.Reason, error.Path, error.Code));
            }
            else
            {
                Assert.Equal((ReasonCode.QuantityNotOnLot, "$.steps[0].quantity_kwh", ValidationCodes.OrderQuantityNotOnLot), (encoded.Reason, error.Path, error.Code));
            }
        });
    }

    [Fact]
    public void MarketOrders_IgnoreThePrice_ButNotTheLot()
    {
        var encoding = Encoding(0, 2); // tick 0.01 EUR/MWh, lot 100 kWh
        Assert.True(encoding.Encode(Order(OrderSide.Buy, 12.345m, 300m), OrderType.Market).Conforms);
        Assert.Equal(ReasonCode.PriceNotOnTick, encoding.Encode(Order(OrderSide.Buy, 12.345m, 300m)).Reason);
        Assert.Equal(ReasonCode.QuantityNotOnLot, encoding.Encode(Order(OrderSide.Buy, 12.34m, 300m), OrderType.Market, peakKwh: 50m).Reason);
        Assert.Equal(2L, encoding.Encode(Order(OrderSide.Buy, 12.34m, 300m), OrderType.Limit, peakKwh: 200m).PeakLots);
    }

    [Fact]
    public void MultiStepOrders_AreNotBookOrders()
    {
        var encoding = Encoding(0, 0);
        var order = new Order(new OrderId("o"), new ParticipantId("a"), OrderSide.Sell, 0, [new PriceStep(1m, 1m), new PriceStep(2m, 1m)]);
        Assert.Throws<ArgumentException>(() => encoding.Encode(order));
        Assert.Contains(OrderValidator.Validate(order, encoding.Rules), e => e.Path == "$.steps" && e.Code == ValidationCodes.SizeLimit);
    }
}
