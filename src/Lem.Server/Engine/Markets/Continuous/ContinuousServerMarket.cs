using Lem.Markets.OrderBook;

namespace Lem.Server.Engine.Markets.Continuous;

/// <summary>
/// A continuous market: one <see cref="ContinuousMarket"/> order book per slot; orders match on arrival, amendments and
/// cancellations go through the book, and the gate closure expires what rests and publishes the volume-weighted price.
/// </summary>
/// <remarks>
/// Fair capacity (docs/order-book.md, "Capacity"): with a cap on open orders per participant, a book has no capacity
/// of its own (its storage and price levels grow on demand), so a participant under the cap always gets room whatever
/// the others hold; what a slot holds is bounded by the registered participants times the cap. A market created before
/// caps existed (no cap in its create_market command) keeps the old fixed capacity of 4096 live orders per book, so its
/// stored commands replay to the same answers.
/// </remarks>
internal sealed class ContinuousServerMarket : ServerMarketBase
{
    /// <summary>The live orders one book held before per-participant caps existed; markets without a cap keep it.</summary>
    private const int UncappedMaxLiveOrdersPerBook = 4096;

    private readonly int? _maxOpenOrdersPerParticipant;

    /// <summary>Creates the market and its books (one product per slot); <paramref name="maxOpenOrdersPerParticipant"/> caps each participant's open orders per slot (null = the old fixed book capacity).</summary>
    public ContinuousServerMarket(MarketSpec spec, IMarketHost host, int? maxOpenOrdersPerParticipant)
        : base(spec, host)
    {
        _maxOpenOrdersPerParticipant = maxOpenOrdersPerParticipant;
        var products = Enumerable.Range(0, spec.SlotCount).Select(s => new OrderBookProduct
        {
            ProductId = spec.ProductId(s),
            DeliveryStart = spec.SlotStart(s),
            DeliveryEnd = spec.SlotStart(s + 1),
            GateClosure = GateClosure(s),
            TickSizeEurPerMwh = spec.TickSizeEurPerMwh,
            LotSizeMwh = MarketEngine.LotKwh / 1000m,
            MinPriceEurPerMwh = spec.MinPriceEurPerMwh,
            MaxPriceEurPerMwh = spec.MaxPriceEurPerMwh,
            MaxLiveOrders = maxOpenOrdersPerParticipant is null ? UncappedMaxLiveOrdersPerBook : Array.MaxLength,
            MaxLiveOrdersPerParticipant = maxOpenOrdersPerParticipant,
        });
        Books = new ContinuousMarket(host.Clock, products);
    }

    /// <summary>The order books, one product per slot.</summary>
    public ContinuousMarket Books { get; }

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
        _maxOpenOrdersPerParticipant is { } cap && Books.LiveOrderCount(Spec.ProductId(slot), new ParticipantId(participantId)) >= cap
            ? OpenOrderCap.Refusal(Spec.MarketId, slot, cap)
            : null;

    /// <inheritdoc />
    public override IReadOnlyList<ServerTrade> Submit(ServerOrder order, Instant time)
    {
        ArgumentNullException.ThrowIfNull(order);
        var productId = Spec.ProductId(order.Slot);
        var start = Books.Events(productId).Count;
        var result = Books.Submit(new MarketOrderRequest { ProductId = productId, ClientOrderId = order.Number, Order = order.Order });
        var trades = ApplyBookEvents(order.Slot, start, time);
        if (!result.Accepted)
        {
            order.Status = OrderStatus.Rejected;
            order.Reason = Views.Reason(result.Reason);
            order.OpenKwh = 0;
        }

        return trades;
    }

    /// <inheritdoc />
    public override (CommandResult? Refused, IReadOnlyList<ServerTrade> Trades) Amend(ServerOrder order, decimal priceEurPerMwh, decimal quantityKwh, decimal openKwh, Instant time)
    {
        ArgumentNullException.ThrowIfNull(order);
        var productId = Spec.ProductId(order.Slot);
        var start = Books.Events(productId).Count;
        var result = Books.Amend(productId, new ParticipantId(order.ParticipantId), order.Number, priceEurPerMwh, openKwh);
        if (result.Accepted)
        {
            order.Order = order.Order.WithSingleStep(priceEurPerMwh, quantityKwh);
            order.OpenKwh = openKwh;
        }

        var trades = ApplyBookEvents(order.Slot, start, time);
        return result.Accepted
            ? (null, trades)
            : (new CommandResult(422, Views.Problem(422, "Rejected.", $"The amendment was rejected: {Views.Reason(result.Reason)}.")), trades);
    }

    /// <inheritdoc />
    public override void Cancel(ServerOrder order, Instant time)
    {
        ArgumentNullException.ThrowIfNull(order);
        var productId = Spec.ProductId(order.Slot);
        var start = Books.Events(productId).Count;
        Books.Cancel(productId, new ParticipantId(order.ParticipantId), order.Number);
        ApplyBookEvents(order.Slot, start, time);
    }

    /// <inheritdoc />
    public override GateClosureOutcome CloseGate(int slot, Instant time)
    {
        var productId = Spec.ProductId(slot);
        var start = Books.Events(productId).Count;
        Books.Book(productId)!.ProcessTime();
        ApplyBookEvents(slot, start, time);
        var slotTrades = Trades(slot);
        var volume = slotTrades.Sum(t => t.QuantityKwh);
        decimal? price = volume > 0 ? Math.Round(slotTrades.Sum(t => t.PriceEurPerMwh * t.QuantityKwh) / volume, 6) : null;
        return new GateClosureOutcome(price, null);
    }

    /// <inheritdoc />
    public override CommandResult Depth(int slot)
    {
        var book = Books.Book(Spec.ProductId(slot))!;
        var snapshot = book.Snapshot();
        JsonArray Levels(IReadOnlyList<RestingOrder> orders)
        {
            var levels = new JsonArray();
            foreach (var g in orders.GroupBy(o => o.PriceTicks))
            {
                levels.Add(new JsonObject
                {
                    ["price_eur_per_mwh"] = Views.Normalize(book.Encoding.PriceEurPerMwh(g.Key)),
                    ["quantity_kwh"] = Views.Normalize(book.Encoding.QuantityKwh(g.Sum(o => o.DisplayedLots))),
                    ["order_count"] = g.Count(),
                });
            }

            return levels;
        }

        return new CommandResult(200, new JsonObject
        {
            ["market_id"] = Spec.MarketId, ["slot"] = slot, ["gate_closed"] = Closures.ContainsKey(slot), ["bids"] = Levels(snapshot.Bids), ["asks"] = Levels(snapshot.Asks),
        });
    }

    /// <summary>Turns the book's events since <paramref name="start"/> into trades and order states.</summary>
    private List<ServerTrade> ApplyBookEvents(int slot, int start, Instant time)
    {
        var productId = Spec.ProductId(slot);
        var events = Books.Events(productId);
        var book = Books.Book(productId)!;
        var trades = new List<ServerTrade>();
        for (var i = start; i < events.Count; i++)
        {
            var e = events[i];
            var order = Host.FindOrder(e.Order.ClientOrderId);
            if (order is null)
            {
                continue;
            }

            switch (e.Kind)
            {
                case OrderBookEventKind.Traded:
                    var resting = Host.FindOrder(e.Counterparty.ClientOrderId)!;
                    var quantity = book.Encoding.QuantityKwh(e.Lots);
                    var (buy, sell) = order.Side == OrderSide.Buy ? (order, resting) : (resting, order);
                    var trade = new ServerTrade(Host.NextTradeId(), Spec.MarketId, slot, buy.ParticipantId, sell.ParticipantId, buy.ClientOrderId,
                        sell.ClientOrderId, book.Encoding.PriceEurPerMwh(e.PriceTicks), quantity, time);
                    Host.AddTrade(this, trade);
                    trades.Add(trade);
                    Host.Fill(order, quantity);
                    Host.Fill(resting, quantity);
                    break;
                case OrderBookEventKind.Cancelled:
                    Host.End(order, OrderStatus.Cancelled, Views.Reason(e.Reason));
                    break;
                case OrderBookEventKind.Expired:
                    Host.End(order, OrderStatus.Expired, Views.Reason(e.Reason));
                    break;
                default:
                    break;
            }
        }

        return trades;
    }
}
