using Lem.Domain.Orders;
using Lem.Markets.OrderBook;
using NodaTime;

namespace Lem.Markets.Tests.OrderBook;

/// <summary>
/// The reference book for the property test: the rules of docs/order-book.md written as plainly as possible, with
/// one unsorted list of resting orders and every question ("who is next?") answered by sorting it again. No handles,
/// no linked queues, no bitsets, no expiry heap, no incremental best prices. It produces the same events as the fast
/// <see cref="Lem.Markets.OrderBook.OrderBook"/> (same kinds, fields and order) so the two can be compared event by event.
/// </summary>
internal sealed class NaiveOrderBook
{
    private readonly OrderBookProduct _product;
    private readonly IClock _clock;
    private readonly List<NaiveOrder> _resting = [];
    private readonly List<OrderBookEvent> _events = [];
    private readonly long _minTicks;
    private readonly long _maxTicks;
    private readonly long _marketBuyTicks;
    private readonly long _marketSellTicks;
    private long _nextPriority = 1;
    private Instant _now;

    public NaiveOrderBook(OrderBookProduct product, IClock clock)
    {
        _product = product;
        _clock = clock;
        _minTicks = (long)Math.Ceiling(product.MinPriceEurPerMwh / product.TickSizeEurPerMwh);
        _maxTicks = (long)Math.Floor(product.MaxPriceEurPerMwh / product.TickSizeEurPerMwh);
        var buy = product.MarketBuyMaxSweepPriceEurPerMwh is { } b ? (long)Math.Floor(b / product.TickSizeEurPerMwh) : _maxTicks;
        var sell = product.MarketSellMinSweepPriceEurPerMwh is { } s ? (long)Math.Ceiling(s / product.TickSizeEurPerMwh) : _minTicks;
        _marketBuyTicks = Math.Clamp(buy, _minTicks, _maxTicks);
        _marketSellTicks = Math.Clamp(sell, _minTicks, _maxTicks);
    }

    public IReadOnlyList<OrderBookEvent> Events => _events;

    public bool GateClosed { get; private set; }

    public long NextPriority => _nextPriority;

    public long NextEventSequence => _events.Count + 1;

    public int LiveOrderCount => _resting.Count;

    public int LiveOrderCountOf(int participant) => _resting.Count(o => o.Key.Participant == participant);

    /// <summary>Bids in matching order: highest price first, then earliest time priority.</summary>
    public List<RestingOrder> Bids => [.. _resting.Where(o => o.Side == OrderSide.Buy).OrderByDescending(o => o.PriceTicks).ThenBy(o => o.Priority).Select(o => o.ToResting())];

    /// <summary>Asks in matching order: lowest price first, then earliest time priority.</summary>
    public List<RestingOrder> Asks => [.. _resting.Where(o => o.Side == OrderSide.Sell).OrderBy(o => o.PriceTicks).ThenBy(o => o.Priority).Select(o => o.ToResting())];

    public long? BestBidTicks => _resting.Where(o => o.Side == OrderSide.Buy).Select(o => (long?)o.PriceTicks).Max();

    public long? BestAskTicks => _resting.Where(o => o.Side == OrderSide.Sell).Select(o => (long?)o.PriceTicks).Min();

    /// <summary>Displayed lots per price level (the market-data depth) of one side as given by <see cref="Bids"/> or <see cref="Asks"/>, best level first.</summary>
    public static List<(long PriceTicks, long DisplayedLots)> Depth(IEnumerable<RestingOrder> side) =>
        [.. side.GroupBy(o => o.PriceTicks).Select(g => (g.Key, g.Sum(o => o.DisplayedLots)))];

    public bool Contains(OrderKey key) => _resting.Any(o => o.Key == key);

    public ReasonCode Submit(OrderEntry entry)
    {
        Advance();
        var key = new OrderKey(entry.Participant, entry.ClientOrderId);
        var reason = Check(entry, key);
        if (reason != ReasonCode.None)
        {
            Emit(new OrderBookEvent { Kind = OrderBookEventKind.Rejected, Reason = reason, Order = key, Side = entry.Side, PriceTicks = entry.PriceTicks, Lots = entry.Lots });
            return reason;
        }

        var market = entry.Type == OrderType.Market;
        var order = new NaiveOrder
        {
            Key = key, Side = entry.Side, Type = entry.Type, Condition = entry.Condition, Validity = entry.Validity, Expiry = entry.Expiry,
            PeakLots = entry.PeakLots, Location = entry.Location, Filter = entry.Filter, AcceptedSequence = NextEventSequence,
            PriceTicks = market ? (entry.Side == OrderSide.Buy ? _marketBuyTicks : _marketSellTicks) : entry.PriceTicks,
            RemainingLots = entry.Lots, DisplayedLots = entry.Lots,
        };
        Emit(new OrderBookEvent
        {
            Kind = OrderBookEventKind.Accepted, Order = key, Side = order.Side, PriceTicks = order.PriceTicks, Lots = entry.Lots, DisplayedLots = entry.PeakLots,
            Type = entry.Type, Condition = entry.Condition, Validity = entry.Validity, Expiry = entry.Expiry, Location = entry.Location, Filter = entry.Filter,
        });
        Execute(order);
        return ReasonCode.None;
    }

    public ReasonCode Cancel(OrderKey key)
    {
        Advance();
        var order = _resting.FirstOrDefault(o => o.Key == key);
        if (order is null)
        {
            Emit(new OrderBookEvent { Kind = OrderBookEventKind.Rejected, Reason = ReasonCode.UnknownOrder, Order = key });
            return ReasonCode.UnknownOrder;
        }

        Remove(order, OrderBookEventKind.Cancelled, ReasonCode.CancelRequested);
        return ReasonCode.None;
    }

    public ReasonCode Amend(OrderKey key, long priceTicks, long lots)
    {
        Advance();
        var order = _resting.FirstOrDefault(o => o.Key == key);
        var reason = GateClosed ? ReasonCode.GateClosed
            : order is null ? ReasonCode.UnknownOrder
            : lots <= 0 ? ReasonCode.NonPositiveQuantity
            : priceTicks < _minTicks || priceTicks > _maxTicks ? ReasonCode.PriceOutOfBounds
            : priceTicks == order.PriceTicks && lots == order.RemainingLots ? ReasonCode.InvalidAmendment
            : ReasonCode.None;
        if (reason != ReasonCode.None)
        {
            Emit(new OrderBookEvent { Kind = OrderBookEventKind.Rejected, Reason = reason, Order = key, PriceTicks = priceTicks, Lots = lots });
            return reason;
        }

        // A smaller quantity at the same price keeps the place in the queue.
        if (priceTicks == order!.PriceTicks && lots < order.RemainingLots)
        {
            order.RemainingLots = lots;
            order.DisplayedLots = Math.Min(order.DisplayedLots, lots);
            Emit(new OrderBookEvent { Kind = OrderBookEventKind.Amended, Order = key, Side = order.Side, PriceTicks = priceTicks, Lots = lots, DisplayedLots = order.DisplayedLots });
            return ReasonCode.None;
        }

        // Anything else: the order leaves the book and comes back as if new (matching first).
        _resting.Remove(order);
        order.PriceTicks = priceTicks;
        order.RemainingLots = lots;
        order.DisplayedLots = lots;
        Emit(new OrderBookEvent { Kind = OrderBookEventKind.Amended, Order = key, Side = order.Side, PriceTicks = priceTicks, Lots = lots, DisplayedLots = lots, PriorityLost = true });
        Execute(order);
        return ReasonCode.None;
    }

    public void ProcessTime() => Advance();

    public void EndSession()
    {
        Advance();
        foreach (var o in Bids.Concat(Asks).Where(o => o.Validity == OrderValidity.GoodForSession).ToList())
        {
            Remove(Find(o.Key), OrderBookEventKind.Expired, ReasonCode.SessionEnded);
        }
    }

    private ReasonCode Check(OrderEntry e, OrderKey key)
    {
        var market = e.Type == OrderType.Market;
        var rests = !market && e.Condition is ExecutionCondition.None or ExecutionCondition.AllOrNone;
        if (GateClosed)
        {
            return ReasonCode.GateClosed;
        }

        if (e.Participant < 0)
        {
            return ReasonCode.UnknownParticipant;
        }

        if (e.Lots <= 0)
        {
            return ReasonCode.NonPositiveQuantity;
        }

        if (!market && (e.PriceTicks < _minTicks || e.PriceTicks > _maxTicks))
        {
            return ReasonCode.PriceOutOfBounds;
        }

        var iceberg = e.PeakLots != 0;
        if (iceberg && (e.PeakLots < 0 || e.PeakLots > e.Lots || market || e.Condition != ExecutionCondition.None))
        {
            return ReasonCode.InvalidPeak;
        }

        if (market && e.Condition == ExecutionCondition.AllOrNone)
        {
            return ReasonCode.InvalidCondition;
        }

        if (rests && e.Validity == OrderValidity.GoodTillDate && e.Expiry <= _now)
        {
            return ReasonCode.InvalidExpiry;
        }

        if (Contains(key))
        {
            return ReasonCode.DuplicateClientOrderId;
        }

        if (_product.MaxLiveOrdersPerParticipant is { } cap && _resting.Count(o => o.Key.Participant == e.Participant) >= cap)
        {
            return ReasonCode.ParticipantOrderLimit;
        }

        return _resting.Count >= _product.MaxLiveOrders ? ReasonCode.BookFull : ReasonCode.None;
    }

    private void Execute(NaiveOrder order)
    {
        if (order.Condition is ExecutionCondition.FillOrKill or ExecutionCondition.AllOrNone && !SurelyFillable(order))
        {
            if (order.Condition == ExecutionCondition.FillOrKill)
            {
                Remove(order, OrderBookEventKind.Cancelled, ReasonCode.FillOrKillNotFillable);
            }
            else
            {
                Rest(order);
            }

            return;
        }

        var stoppedBySelfTrade = Match(order);
        if (order.RemainingLots == 0)
        {
            return;
        }

        if (stoppedBySelfTrade)
        {
            Remove(order, OrderBookEventKind.Cancelled, ReasonCode.SelfTradePrevented);
        }
        else if (order.Type == OrderType.Market)
        {
            Remove(order, OrderBookEventKind.Cancelled, ReasonCode.MarketOrderRemainder);
        }
        else if (order.Condition is ExecutionCondition.ImmediateOrCancel or ExecutionCondition.FillOrKill)
        {
            Remove(order, OrderBookEventKind.Cancelled, ReasonCode.ImmediateOrCancelRemainder);
        }
        else
        {
            Rest(order);
        }
    }

    /// <summary>Trades the incoming order with the best acceptable resting order, again and again; true when stopped by cancel-newest self-trade prevention.</summary>
    private bool Match(NaiveOrder incoming)
    {
        while (incoming.RemainingLots > 0)
        {
            var resting = Opposite(incoming).FirstOrDefault(r => CanMeet(incoming, r));
            if (resting is null)
            {
                return false;
            }

            if (resting.Key.Participant == incoming.Key.Participant)
            {
                if (_product.SelfTradePrevention == SelfTradePrevention.CancelNewest)
                {
                    return true;
                }

                Remove(resting, OrderBookEventKind.Cancelled, ReasonCode.SelfTradePrevented);
                continue;
            }

            var lots = Math.Min(incoming.RemainingLots, resting.DisplayedLots);
            Emit(new OrderBookEvent { Kind = OrderBookEventKind.Traded, Order = incoming.Key, Counterparty = resting.Key, Side = incoming.Side, PriceTicks = resting.PriceTicks, Lots = lots });
            incoming.RemainingLots -= lots;
            resting.RemainingLots -= lots;
            resting.DisplayedLots -= lots;
            if (resting.RemainingLots == 0)
            {
                _resting.Remove(resting);
            }
            else if (resting.DisplayedLots == 0)
            {
                resting.DisplayedLots = Math.Min(resting.PeakLots, resting.RemainingLots);
                resting.Priority = _nextPriority++;
                Emit(new OrderBookEvent
                {
                    Kind = OrderBookEventKind.IcebergRefilled, Order = resting.Key, Side = resting.Side, PriceTicks = resting.PriceTicks, Lots = resting.RemainingLots,
                    DisplayedLots = resting.DisplayedLots, Priority = resting.Priority,
                });
            }
        }

        return false;
    }

    /// <summary>Whether the incoming order may meet this resting order now: prices cross, both location filters accept, and a resting all-or-none order fits in full.</summary>
    private static bool CanMeet(NaiveOrder incoming, NaiveOrder resting) =>
        Crosses(incoming, resting.PriceTicks) && Accept(incoming, resting)
        && !(resting.Condition == ExecutionCondition.AllOrNone && resting.RemainingLots > incoming.RemainingLots);

    private static bool Crosses(NaiveOrder incoming, long restingPrice) =>
        incoming.Side == OrderSide.Buy ? restingPrice <= incoming.PriceTicks : restingPrice >= incoming.PriceTicks;

    private static bool Accept(NaiveOrder a, NaiveOrder b) => a.Filter.Accepts(b.Location) && b.Filter.Accepts(a.Location);

    /// <summary>
    /// The conservative fill check of fill-or-kill and all-or-none orders (docs/order-book.md): level by level in matching
    /// order, count the displayed lots of acceptable resting orders of other participants, then the level's iceberg
    /// reserves; resting all-or-none orders count nothing; under cancel-newest, meeting an own order means no.
    /// </summary>
    private bool SurelyFillable(NaiveOrder incoming)
    {
        var need = incoming.RemainingLots;
        var cancelNewest = _product.SelfTradePrevention == SelfTradePrevention.CancelNewest;
        foreach (var level in Opposite(incoming).Where(r => Crosses(incoming, r.PriceTicks)).GroupBy(r => r.PriceTicks))
        {
            long reserve = 0;
            foreach (var r in level.Where(r => Accept(incoming, r)))
            {
                var own = r.Key.Participant == incoming.Key.Participant;
                if (own && cancelNewest && (r.Condition != ExecutionCondition.AllOrNone || r.RemainingLots <= need))
                {
                    return false;
                }

                if (own || r.Condition == ExecutionCondition.AllOrNone)
                {
                    continue;
                }

                need -= r.DisplayedLots;
                if (need <= 0)
                {
                    return true;
                }

                reserve += r.RemainingLots - r.DisplayedLots;
            }

            need -= reserve;
            if (need <= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The resting orders of the other side, in matching order.</summary>
    private List<NaiveOrder> Opposite(NaiveOrder incoming) => incoming.Side == OrderSide.Buy
        ? [.. _resting.Where(o => o.Side == OrderSide.Sell).OrderBy(o => o.PriceTicks).ThenBy(o => o.Priority)]
        : [.. _resting.Where(o => o.Side == OrderSide.Buy).OrderByDescending(o => o.PriceTicks).ThenBy(o => o.Priority)];

    private void Rest(NaiveOrder order)
    {
        order.DisplayedLots = order.PeakLots > 0 ? Math.Min(order.PeakLots, order.RemainingLots) : order.RemainingLots;
        order.Priority = _nextPriority++;
        _resting.Add(order);
        Emit(new OrderBookEvent
        {
            Kind = OrderBookEventKind.Rested, Order = order.Key, Side = order.Side, PriceTicks = order.PriceTicks, Lots = order.RemainingLots,
            DisplayedLots = order.DisplayedLots, Priority = order.Priority,
        });
    }

    /// <summary>The clock: at gate closure every resting order expires (bids, then asks, in matching order) and the gate closes; before it, due good-till-date orders expire, earliest expiry (then earliest accepted) first.</summary>
    private void Advance()
    {
        _now = _clock.GetCurrentInstant();
        if (GateClosed)
        {
            return;
        }

        if (_now >= _product.GateClosure)
        {
            foreach (var o in Bids.Concat(Asks).ToList())
            {
                Remove(Find(o.Key), OrderBookEventKind.Expired, ReasonCode.GateClosure);
            }

            GateClosed = true;
            Emit(new OrderBookEvent { Kind = OrderBookEventKind.GateClosed, Reason = ReasonCode.GateClosure });
            return;
        }

        var due = _resting.Where(o => o.Validity == OrderValidity.GoodTillDate && o.Expiry <= _now).OrderBy(o => o.Expiry).ThenBy(o => o.AcceptedSequence).ToList();
        foreach (var o in due)
        {
            Remove(o, OrderBookEventKind.Expired, ReasonCode.GoodTillDateReached);
        }
    }

    private NaiveOrder Find(OrderKey key) => _resting.Single(o => o.Key == key);

    private void Remove(NaiveOrder order, OrderBookEventKind kind, ReasonCode reason)
    {
        _resting.Remove(order);
        Emit(new OrderBookEvent { Kind = kind, Reason = reason, Order = order.Key, Side = order.Side, PriceTicks = order.PriceTicks, Lots = order.RemainingLots });
    }

    private void Emit(OrderBookEvent e) => _events.Add(e with { Sequence = NextEventSequence, Time = _now });
}
