using Lem.Domain.Orders;
using Lem.Markets.Auctions;
using NodaTime;

namespace Lem.Markets.Tests.Auctions;

/// <summary>Small auction books built in code.</summary>
internal static class AuctionBooks
{
    /// <summary>One order per price, each a single unit of <paramref name="unitKwh"/> kWh: buyers b1, b2, … and sellers s1, s2, … in slot 0.</summary>
    public static AuctionBook Units(double[] bids, double[] asks, double unitKwh = 1.0)
    {
        var orders = new List<AuctionOrder>();
        var seq = 0;
        for (var i = 0; i < bids.Length; i++)
        {
            orders.Add(Order($"b{i + 1}", OrderSide.Buy, 0, seq++, (bids[i], unitKwh)));
        }

        for (var i = 0; i < asks.Length; i++)
        {
            orders.Add(Order($"s{i + 1}", OrderSide.Sell, 0, seq++, (asks[i], unitKwh)));
        }

        return new AuctionBook(orders);
    }

    /// <summary>An order of participant <paramref name="who"/> with id <c>who-slot-sequence</c>.</summary>
    public static AuctionOrder Order(string who, OrderSide side, int slot, long sequence, params (double Price, double Kwh)[] steps) =>
        Order(who, side, slot, sequence, null, steps);

    /// <summary>An order with a submission time.</summary>
    public static AuctionOrder Order(string who, OrderSide side, int slot, long sequence, Instant? time, params (double Price, double Kwh)[] steps) =>
        new(new Order(new OrderId($"{who}-{slot}-{sequence}"), new ParticipantId(who), side, slot, steps.Select(s => new PriceStep((decimal)s.Price, (decimal)s.Kwh))), time, sequence);
}
