using System.Globalization;
using Lem.Domain.Orders;
using Lem.Markets.Auctions;
using NodaTime;

namespace Lem.Server.Engine.Markets.CallAuction;

/// <summary>A uniform-price call auction per slot: orders are collected until the slot's gate closure, which clears them.</summary>
internal class CallAuctionServerMarket : ServerMarketBase
{
    /// <summary>Creates the market.</summary>
    public CallAuctionServerMarket(MarketSpec spec, IMarketHost host)
        : base(spec, host)
    {
    }

    /// <inheritdoc />
    public override GateClosureOutcome CloseGate(int slot, Instant time) => new(ClearAuction(slot, time), null);

    /// <summary>Clears the slot's open orders with the <see cref="UniformPriceAuction"/>; returns the clearing price, or null.</summary>
    protected decimal? ClearAuction(int slot, Instant time)
    {
        var open = Orders(slot).Where(o => o.Status == OrderStatus.Open).ToList();
        if (open.Count == 0)
        {
            return null;
        }

        var byId = open.ToDictionary(o => o.Order.Id.Value, StringComparer.Ordinal);
        var orders = open.Select(o => new AuctionOrder(o.OpenOrder(), o.SubmittedAt, o.Number));
        var result = new UniformPriceAuction().Clear(new AuctionBook(orders));
        foreach (var t in result.Trades)
        {
            var buy = byId[t.BuyOrder.Value];
            var sell = byId[t.SellOrder.Value];
            var quantity = Math.Round((decimal)t.QuantityKwh, 3);
            if (quantity <= 0)
            {
                continue;
            }

            Host.AddTrade(this, new ServerTrade(Host.NextTradeId(), Spec.MarketId, slot, buy.ParticipantId, sell.ParticipantId, buy.ClientOrderId,
                sell.ClientOrderId, Math.Round((decimal)t.BuyerPriceEurPerMwh, 6), quantity, time));
            Host.Fill(buy, quantity);
            Host.Fill(sell, quantity);
        }

        var clearing = result.Slots.FirstOrDefault()?.ClearingPriceEurPerMwh;
        return clearing is { } c ? Math.Round((decimal)c, 6) : null;
    }
}
