using Lem.Markets.Auctions;
using Lem.Server.Engine.Markets.Continuous;

namespace Lem.Server.Engine.Markets.CallAuction;

/// <summary>
/// A uniform-price call auction per slot: orders are collected until the slot's gate closure, which clears them. A
/// participant may hold at most the market's cap of open orders per slot; until the gate closes an order stops being
/// open only when it is cancelled, so the market counts submissions less cancellations.
/// </summary>
internal class CallAuctionServerMarket : ServerMarketBase
{
    private readonly int? _maxOpenOrdersPerParticipant;
    private readonly Dictionary<(int Slot, string ParticipantId), int> _open = [];

    /// <summary>Creates the market; <paramref name="maxOpenOrdersPerParticipant"/> caps each participant's open orders per slot (null = no cap).</summary>
    public CallAuctionServerMarket(MarketSpec spec, IMarketHost host, int? maxOpenOrdersPerParticipant)
        : base(spec, host)
    {
        _maxOpenOrdersPerParticipant = maxOpenOrdersPerParticipant;
    }

    /// <inheritdoc />
    public override void Describe(JsonObject market)
    {
        ArgumentNullException.ThrowIfNull(market);
        if (_maxOpenOrdersPerParticipant is { } cap)
        {
            market[OpenOrderCap.Field] = cap;
        }
    }

    /// <inheritdoc />
    public override CommandResult? RefuseOrder(string participantId, int slot) =>
        _maxOpenOrdersPerParticipant is { } cap && _open.GetValueOrDefault((slot, participantId)) >= cap ? OpenOrderCap.Refusal(Spec.MarketId, slot, cap) : null;

    /// <inheritdoc />
    public override IReadOnlyList<ServerTrade> Submit(ServerOrder order, Instant time)
    {
        ArgumentNullException.ThrowIfNull(order);
        _open[(order.Slot, order.ParticipantId)] = _open.GetValueOrDefault((order.Slot, order.ParticipantId)) + 1;
        return base.Submit(order, time);
    }

    /// <inheritdoc />
    public override void Cancel(ServerOrder order, Instant time)
    {
        ArgumentNullException.ThrowIfNull(order);
        _open[(order.Slot, order.ParticipantId)]--;
        base.Cancel(order, time);
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
