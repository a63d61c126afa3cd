using System.Text.Json.Nodes;
using Lem.Domain.Orders;
using Lem.Server.Engine;
using Lem.Server.Engine.Markets;
using NodaTime;

namespace Lem.Server.Tests;

/// <summary>
/// The toy <c>fixed_price</c> market: orders are collected until the slot's gate closure, which pairs the buys willing to
/// pay the fixed price with the sells willing to take it, both in order of submission, and trades them at that price.
/// </summary>
internal sealed class FixedPriceServerMarket(MarketSpec spec, IMarketHost host, decimal priceEurPerMwh) : ServerMarketBase(spec, host)
{
    public decimal PriceEurPerMwh { get; } = priceEurPerMwh;

    public override void Describe(JsonObject market) => market[FixedPriceMarketKind.PriceField] = PriceEurPerMwh;

    public override GateClosureOutcome CloseGate(int slot, Instant time)
    {
        var open = Orders(slot).Where(o => o.Status == OrderStatus.Open).ToList();
        var buys = new Queue<ServerOrder>(open.Where(o => o.Side == OrderSide.Buy && o.PriceEurPerMwh >= PriceEurPerMwh));
        var sells = new Queue<ServerOrder>(open.Where(o => o.Side == OrderSide.Sell && o.PriceEurPerMwh <= PriceEurPerMwh));
        var traded = false;
        while (buys.Count > 0 && sells.Count > 0)
        {
            var buy = buys.Peek();
            var sell = sells.Peek();
            var quantity = Math.Min(buy.OpenKwh, sell.OpenKwh);
            Host.AddTrade(this, new ServerTrade(Host.NextTradeId(), Spec.MarketId, slot, buy.ParticipantId, sell.ParticipantId, buy.ClientOrderId,
                sell.ClientOrderId, PriceEurPerMwh, quantity, time));
            Host.Fill(buy, quantity);
            Host.Fill(sell, quantity);
            traded = true;
            if (buy.OpenKwh == 0)
            {
                buys.Dequeue();
            }

            if (sell.OpenKwh == 0)
            {
                sells.Dequeue();
            }
        }

        return new GateClosureOutcome(traded ? PriceEurPerMwh : null, null);
    }
}
