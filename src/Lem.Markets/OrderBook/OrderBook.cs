using System.Numerics;
using System.Runtime.CompilerServices;
using Lem.Domain.Orders;
using NodaTime;

namespace Lem.Markets.OrderBook;

/// <summary>
/// The continuous limit order book of one delivery product (§8.1): price-time priority, trades at the resting order's
/// price, limit/market/IOC/FOK/AON/iceberg orders, good-till-date and good-for-session validity, amend and cancel,
/// gate closure, self-trade prevention and location filters. Every state change is reported to the
/// <see cref="IOrderBookEventSink"/>; invalid requests are rejected with a <see cref="ReasonCode"/>, never thrown.
/// </summary>
/// <remarks>
/// The hot path works in integer ticks and lots on preallocated struct arrays addressed by int handles (free list),
/// with price levels in arrays indexed by tick offset within the band, a bitset of non-empty levels to move the best
/// pointers, and intrusive doubly-linked FIFO queues per level (O(1) cancel). Matching allocates nothing.
/// All-or-none orders rest in the same queues but are skipped by aggressors too small to fill them in full, so a
/// resting AON order may overlap the opposite best price; location filters likewise (see <see cref="Snapshot"/>).
/// A client order id must be unique among the participant's live orders; it may be reused once the order is gone.
/// Not thread-safe: one book is driven by one thread.
/// </remarks>
public sealed class OrderBook
{
    private const byte Free = 0;
    private const byte Pending = 1;
    private const byte Resting = 2;

    private readonly IClock _clock;
    private readonly IOrderBookEventSink _sink;
    private readonly long _minTicks;
    private readonly int _levelCount;
    private readonly int _marketBuyLevel;
    private readonly int _marketSellLevel;
    private readonly Instant _gateClosure;
    private readonly SelfTradePrevention _stp;
    private readonly Slot[] _slots;
    private readonly int[] _bidHead;
    private readonly int[] _bidTail;
    private readonly int[] _askHead;
    private readonly int[] _askTail;
    private readonly ulong[] _bidBits;
    private readonly ulong[] _askBits;
    private readonly Dictionary<OrderKey, int> _index;
    private ExpiryEntry[] _heap;
    private int _heapCount;
    private int _freeHead;
    private int _bestBid = -1;
    private int _bestAsk = -1;
    private long _nextPriority = 1;
    private long _nextEvent = 1;
    private bool _gateClosed;
    private Instant _now;

    /// <summary>Creates an empty book for <paramref name="product"/>; <paramref name="clock"/> supplies the time of every request.</summary>
    public OrderBook(OrderBookProduct product, IClock clock, IOrderBookEventSink sink)
    {
        ArgumentNullException.ThrowIfNull(product);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(sink);
        if (product.TickSizeEurPerMwh <= 0 || product.LotSizeMwh <= 0 || product.MaxPriceEurPerMwh < product.MinPriceEurPerMwh || product.MaxLiveOrders < 1)
        {
            throw new ArgumentException("The product needs positive tick and lot sizes, a non-empty price band and a positive capacity.", nameof(product));
        }

        Product = product;
        _clock = clock;
        _sink = sink;
        _minTicks = (long)Math.Ceiling(product.MinPriceEurPerMwh / product.TickSizeEurPerMwh);
        var maxTicks = (long)Math.Floor(product.MaxPriceEurPerMwh / product.TickSizeEurPerMwh);
        if (maxTicks - _minTicks + 1 > 50_000_000)
        {
            throw new ArgumentException("The price band holds more than 50 million ticks; use a coarser tick.", nameof(product));
        }

        _levelCount = (int)(maxTicks - _minTicks + 1);
        _marketBuyLevel = ClampLevel(product.MarketBuyMaxSweepPriceEurPerMwh is { } b ? (long)Math.Floor(b / product.TickSizeEurPerMwh) : maxTicks);
        _marketSellLevel = ClampLevel(product.MarketSellMinSweepPriceEurPerMwh is { } s ? (long)Math.Ceiling(s / product.TickSizeEurPerMwh) : _minTicks);
        _gateClosure = product.GateClosure;
        _stp = product.SelfTradePrevention;

        var capacity = product.MaxLiveOrders;
        _slots = new Slot[capacity];
        for (var i = 0; i < capacity; i++)
        {
            _slots[i].Next = i + 1 < capacity ? i + 1 : -1;
        }

        _freeHead = 0;
        _bidHead = NewLevels(_levelCount);
        _bidTail = NewLevels(_levelCount);
        _askHead = NewLevels(_levelCount);
        _askTail = NewLevels(_levelCount);
        _bidBits = new ulong[(_levelCount + 63) >> 6];
        _askBits = new ulong[(_levelCount + 63) >> 6];
        _index = new Dictionary<OrderKey, int>(capacity);
        _heap = new ExpiryEntry[Math.Min(capacity, 1024)];
    }

    /// <summary>The product traded in this book.</summary>
    public OrderBookProduct Product { get; }

    /// <summary>The number of live (resting) orders.</summary>
    public int LiveOrderCount => _index.Count;

    /// <summary>Whether the gate has closed.</summary>
    public bool IsGateClosed => _gateClosed;

    /// <summary>The lowest admissible price in ticks.</summary>
    public long MinPriceTicks => _minTicks;

    /// <summary>The highest admissible price in ticks.</summary>
    public long MaxPriceTicks => _minTicks + _levelCount - 1;

    /// <summary>The best (highest) bid price in ticks, or null when there are no bids.</summary>
    public long? BestBidTicks => _bestBid < 0 ? null : _minTicks + _bestBid;

    /// <summary>The best (lowest) ask price in ticks, or null when there are no asks.</summary>
    public long? BestAskTicks => _bestAsk < 0 ? null : _minTicks + _bestAsk;

    /// <summary>Converts a price in EUR/MWh to ticks; false when it is not a whole number of ticks.</summary>
    public bool TryTicksFromPrice(decimal priceEurPerMwh, out long ticks) => TryWholeMultiple(priceEurPerMwh, Product.TickSizeEurPerMwh, out ticks);

    /// <summary>Converts ticks to a price in EUR/MWh.</summary>
    public decimal PriceFromTicks(long ticks) => ticks * Product.TickSizeEurPerMwh;

    /// <summary>Converts a quantity in MWh to lots; false when it is not a whole number of lots.</summary>
    public bool TryLotsFromQuantity(decimal quantityMwh, out long lots) => TryWholeMultiple(quantityMwh, Product.LotSizeMwh, out lots);

    private static bool TryWholeMultiple(decimal value, decimal unit, out long count)
    {
        var q = value / unit;
        count = 0;
        if (q != decimal.Truncate(q) || q > long.MaxValue / 2 || q < long.MinValue / 2)
        {
            return false;
        }

        count = (long)q;
        return true;
    }

    /// <summary>Converts lots to MWh.</summary>
    public decimal QuantityFromLots(long lots) => lots * Product.LotSizeMwh;

    /// <summary>
    /// Submits a new order: validates it (rejections are events with a reason code), matches it against the opposite
    /// side in price-time priority at the resting orders' prices, and rests, cancels or kills the remainder according to
    /// its type and condition. Returns <see cref="ReasonCode.None"/> when the order was accepted.
    /// </summary>
    public ReasonCode Submit(in OrderEntry order)
    {
        Advance();
        var key = new OrderKey(order.Participant, order.ClientOrderId);
        var reason = Validate(order, key);
        if (reason != ReasonCode.None)
        {
            Emit(new OrderBookEvent { Kind = OrderBookEventKind.Rejected, Reason = reason, Order = key, Side = order.Side, PriceTicks = order.PriceTicks, Lots = order.Lots });
            return reason;
        }

        var h = _freeHead;
        ref var o = ref _slots[h];
        _freeHead = o.Next;
        var isMarket = order.Type == OrderType.Market;
        o.Key = key;
        o.Side = order.Side;
        o.Level = isMarket ? (order.Side == OrderSide.Buy ? _marketBuyLevel : _marketSellLevel) : (int)(order.PriceTicks - _minTicks);
        o.Remaining = order.Lots;
        o.Displayed = order.Lots;
        o.Peak = order.PeakLots;
        o.Type = order.Type;
        o.Condition = order.Condition;
        o.Validity = order.Validity;
        o.Expiry = order.Expiry;
        o.Location = order.Location;
        o.Filter = order.Filter;
        o.Priority = 0;
        o.Prev = -1;
        o.Next = -1;
        o.State = Pending;
        o.Serial = _nextEvent;
        _index.Add(key, h);
        Emit(new OrderBookEvent
        {
            Kind = OrderBookEventKind.Accepted, Order = key, Side = order.Side, PriceTicks = _minTicks + o.Level, Lots = order.Lots,
            DisplayedLots = order.PeakLots, Type = order.Type, Condition = order.Condition, Validity = order.Validity,
            Expiry = order.Expiry, Location = order.Location, Filter = order.Filter,
        });
        Execute(h, true);
        return ReasonCode.None;
    }

    /// <summary>Cancels a live order; an unknown key is rejected with <see cref="ReasonCode.UnknownOrder"/>.</summary>
    public ReasonCode Cancel(OrderKey key)
    {
        Advance();
        if (!_index.TryGetValue(key, out var h))
        {
            Emit(new OrderBookEvent { Kind = OrderBookEventKind.Rejected, Reason = ReasonCode.UnknownOrder, Order = key });
            return ReasonCode.UnknownOrder;
        }

        Remove(h, OrderBookEventKind.Cancelled, ReasonCode.CancelRequested);
        return ReasonCode.None;
    }

    /// <summary>
    /// Amends a live order's limit price (ticks) and open quantity (lots). A decrease of the quantity at the same price
    /// keeps time priority; a quantity increase or a price change loses it: the order leaves the book, matches again if
    /// it now crosses, and its remainder rests with a new time priority.
    /// </summary>
    public ReasonCode Amend(OrderKey key, long newPriceTicks, long newLots)
    {
        Advance();
        var reason = ReasonCode.None;
        if (_gateClosed)
        {
            reason = ReasonCode.GateClosed;
        }
        else if (!_index.TryGetValue(key, out _))
        {
            reason = ReasonCode.UnknownOrder;
        }
        else if (newLots <= 0)
        {
            reason = ReasonCode.NonPositiveQuantity;
        }
        else if (newPriceTicks < _minTicks || newPriceTicks > MaxPriceTicks)
        {
            reason = ReasonCode.PriceOutOfBounds;
        }

        var h = reason == ReasonCode.None ? _index[key] : -1;
        if (h >= 0 && newPriceTicks == _minTicks + _slots[h].Level && newLots == _slots[h].Remaining)
        {
            reason = ReasonCode.InvalidAmendment;
        }

        if (reason != ReasonCode.None)
        {
            Emit(new OrderBookEvent { Kind = OrderBookEventKind.Rejected, Reason = reason, Order = key, PriceTicks = newPriceTicks, Lots = newLots });
            return reason;
        }

        ref var o = ref _slots[h];
        var newLevel = (int)(newPriceTicks - _minTicks);
        if (newLevel == o.Level && newLots < o.Remaining)
        {
            o.Remaining = newLots;
            o.Displayed = Math.Min(o.Displayed, newLots);
            Emit(new OrderBookEvent { Kind = OrderBookEventKind.Amended, Order = key, Side = o.Side, PriceTicks = newPriceTicks, Lots = newLots, DisplayedLots = o.Displayed });
            return ReasonCode.None;
        }

        Unlink(h);
        o.State = Pending;
        o.Level = newLevel;
        o.Remaining = newLots;
        o.Displayed = newLots;
        Emit(new OrderBookEvent { Kind = OrderBookEventKind.Amended, Order = key, Side = o.Side, PriceTicks = newPriceTicks, Lots = newLots, DisplayedLots = newLots, PriorityLost = true });
        Execute(h, false);
        return ReasonCode.None;
    }

    /// <summary>Processes the clock: expires good-till-date orders whose instant has passed, and closes the gate when due.</summary>
    public void ProcessTime() => Advance();

    /// <summary>Ends the trading session: every resting good-for-session order expires.</summary>
    public void EndSession()
    {
        Advance();
        ExpireAll(OrderValidity.GoodForSession, ReasonCode.SessionEnded);
    }

    /// <summary>Whether the live order <paramref name="key"/> exists.</summary>
    public bool Contains(OrderKey key) => _index.ContainsKey(key);

    /// <summary>A full copy of the book's state: resting orders per side in matching order, gate state and counters.</summary>
    public OrderBookSnapshot Snapshot()
    {
        var bids = new List<RestingOrder>();
        var asks = new List<RestingOrder>();
        for (var l = _bestBid; l >= 0; l = PrevSet(_bidBits, l - 1))
        {
            for (var c = _bidHead[l]; c >= 0; c = _slots[c].Next)
            {
                bids.Add(ToResting(c));
            }
        }

        for (var l = _bestAsk; l >= 0; l = NextSet(_askBits, l + 1, _levelCount))
        {
            for (var c = _askHead[l]; c >= 0; c = _slots[c].Next)
            {
                asks.Add(ToResting(c));
            }
        }

        return new OrderBookSnapshot(Product.ProductId, _gateClosed, _nextPriority, _nextEvent, bids, asks);
    }

    /// <summary>
    /// Rebuilds a book by applying <paramref name="events"/> (as emitted by a book of the same product) in order, without
    /// matching again and without emitting them; further requests to the new book report to <paramref name="sink"/>.
    /// </summary>
    public static OrderBook Replay(OrderBookProduct product, IClock clock, IEnumerable<OrderBookEvent> events, IOrderBookEventSink sink)
    {
        ArgumentNullException.ThrowIfNull(events);
        var book = new OrderBook(product, clock, sink);
        foreach (var e in events)
        {
            book.Apply(e);
        }

        return book;
    }

    private void Apply(in OrderBookEvent e)
    {
        _nextEvent = e.Sequence + 1;
        switch (e.Kind)
        {
            case OrderBookEventKind.Accepted:
            {
                var h = _freeHead;
                ref var o = ref _slots[h];
                _freeHead = o.Next;
                o.Key = e.Order;
                o.Side = e.Side;
                o.Level = (int)(e.PriceTicks - _minTicks);
                o.Remaining = e.Lots;
                o.Displayed = e.Lots;
                o.Peak = e.DisplayedLots;
                o.Type = e.Type;
                o.Condition = e.Condition;
                o.Validity = e.Validity;
                o.Expiry = e.Expiry;
                o.Location = e.Location;
                o.Filter = e.Filter;
                o.Priority = 0;
                o.Prev = -1;
                o.Next = -1;
                o.State = Pending;
                o.Serial = e.Sequence;
                _index.Add(e.Order, h);
                break;
            }

            case OrderBookEventKind.Traded:
            {
                var r = _index[e.Counterparty];
                var a = _index[e.Order];
                _slots[r].Remaining -= e.Lots;
                _slots[r].Displayed -= e.Lots;
                if (_slots[r].Remaining == 0)
                {
                    Unlink(r);
                    Release(r);
                }

                _slots[a].Remaining -= e.Lots;
                _slots[a].Displayed -= e.Lots;
                if (_slots[a].Remaining == 0)
                {
                    Unlink(a);
                    Release(a);
                }

                break;
            }

            case OrderBookEventKind.Rested:
            {
                var h = _index[e.Order];
                _slots[h].Displayed = e.DisplayedLots;
                _slots[h].Priority = e.Priority;
                _nextPriority = e.Priority + 1;
                LinkTail(h);
                if (_slots[h].Validity == OrderValidity.GoodTillDate)
                {
                    PushExpiry(h);
                }

                break;
            }

            case OrderBookEventKind.IcebergRefilled:
            {
                var h = _index[e.Order];
                Unlink(h);
                _slots[h].Displayed = e.DisplayedLots;
                _slots[h].Priority = e.Priority;
                _nextPriority = e.Priority + 1;
                LinkTail(h);
                break;
            }

            case OrderBookEventKind.Cancelled:
            case OrderBookEventKind.Expired:
            {
                var h = _index[e.Order];
                Unlink(h);
                Release(h);
                break;
            }

            case OrderBookEventKind.Amended:
            {
                var h = _index[e.Order];
                ref var o = ref _slots[h];
                if (e.PriorityLost)
                {
                    Unlink(h);
                    o.State = Pending;
                }

                o.Level = (int)(e.PriceTicks - _minTicks);
                o.Remaining = e.Lots;
                o.Displayed = e.DisplayedLots;
                break;
            }

            case OrderBookEventKind.GateClosed:
                _gateClosed = true;
                break;
        }
    }

    private ReasonCode Validate(in OrderEntry order, OrderKey key)
    {
        if (_gateClosed)
        {
            return ReasonCode.GateClosed;
        }

        if (order.Participant < 0)
        {
            return ReasonCode.UnknownParticipant;
        }

        if (order.Lots <= 0)
        {
            return ReasonCode.NonPositiveQuantity;
        }

        var isMarket = order.Type == OrderType.Market;
        if (!isMarket && (order.PriceTicks < _minTicks || order.PriceTicks > MaxPriceTicks))
        {
            return ReasonCode.PriceOutOfBounds;
        }

        if (order.PeakLots != 0 && (order.PeakLots < 0 || order.PeakLots > order.Lots || isMarket || order.Condition != ExecutionCondition.None))
        {
            return ReasonCode.InvalidPeak;
        }

        if (isMarket && order.Condition == ExecutionCondition.AllOrNone)
        {
            return ReasonCode.InvalidCondition;
        }

        var rests = !isMarket && order.Condition is ExecutionCondition.None or ExecutionCondition.AllOrNone;
        if (rests && order.Validity == OrderValidity.GoodTillDate && order.Expiry <= _now)
        {
            return ReasonCode.InvalidExpiry;
        }

        if (_index.ContainsKey(key))
        {
            return ReasonCode.DuplicateClientOrderId;
        }

        return _freeHead < 0 ? ReasonCode.BookFull : ReasonCode.None;
    }

    /// <summary>Matches the pending order <paramref name="h"/>, then rests, cancels or kills its remainder.</summary>
    private void Execute(int h, bool fresh)
    {
        ref var o = ref _slots[h];
        var condition = o.Condition;
        if (condition is ExecutionCondition.FillOrKill or ExecutionCondition.AllOrNone && !CanFill(h))
        {
            if (condition == ExecutionCondition.FillOrKill)
            {
                Remove(h, OrderBookEventKind.Cancelled, ReasonCode.FillOrKillNotFillable);
            }
            else
            {
                Rest(h, fresh);
            }

            return;
        }

        var selfTrade = o.Side == OrderSide.Buy ? MatchBuy(h) : MatchSell(h);
        if (o.Remaining == 0)
        {
            Release(h);
            return;
        }

        if (selfTrade)
        {
            Remove(h, OrderBookEventKind.Cancelled, ReasonCode.SelfTradePrevented);
        }
        else if (o.Type == OrderType.Market)
        {
            Remove(h, OrderBookEventKind.Cancelled, ReasonCode.MarketOrderRemainder);
        }
        else if (condition is ExecutionCondition.ImmediateOrCancel or ExecutionCondition.FillOrKill)
        {
            Remove(h, OrderBookEventKind.Cancelled, ReasonCode.ImmediateOrCancelRemainder);
        }
        else
        {
            Rest(h, fresh);
        }
    }

    private void Rest(int h, bool fresh)
    {
        ref var o = ref _slots[h];
        o.Displayed = o.Peak > 0 ? Math.Min(o.Peak, o.Remaining) : o.Remaining;
        o.Priority = _nextPriority++;
        LinkTail(h);
        Emit(new OrderBookEvent { Kind = OrderBookEventKind.Rested, Order = o.Key, Side = o.Side, PriceTicks = _minTicks + o.Level, Lots = o.Remaining, DisplayedLots = o.Displayed, Priority = o.Priority });
        if (fresh && o.Validity == OrderValidity.GoodTillDate)
        {
            PushExpiry(h);
        }
    }

    private bool MatchBuy(int h)
    {
        ref var o = ref _slots[h];
        var limit = o.Level;
        for (var lvl = _bestAsk; lvl >= 0 && lvl <= limit && o.Remaining > 0; lvl = NextSet(_askBits, lvl + 1, _levelCount))
        {
            if (MatchLevel(h, _askHead, lvl))
            {
                return true;
            }
        }

        return false;
    }

    private bool MatchSell(int h)
    {
        ref var o = ref _slots[h];
        var limit = o.Level;
        for (var lvl = _bestBid; lvl >= 0 && lvl >= limit && o.Remaining > 0; lvl = PrevSet(_bidBits, lvl - 1))
        {
            if (MatchLevel(h, _bidHead, lvl))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Trades the incoming order against level <paramref name="lvl"/>'s queue; true when self-trade prevention stops the incoming order.</summary>
    private bool MatchLevel(int h, int[] heads, int lvl)
    {
        ref var o = ref _slots[h];
        var cur = heads[lvl];
        while (cur >= 0 && o.Remaining > 0)
        {
            ref var r = ref _slots[cur];
            var next = r.Next;
            if (!Eligible(ref o, ref r) || (r.Condition == ExecutionCondition.AllOrNone && r.Remaining > o.Remaining))
            {
                cur = next;
                continue;
            }

            if (r.Key.Participant == o.Key.Participant)
            {
                if (_stp == SelfTradePrevention.CancelNewest)
                {
                    return true;
                }

                Remove(cur, OrderBookEventKind.Cancelled, ReasonCode.SelfTradePrevented);
                cur = next;
                continue;
            }

            var q = o.Remaining < r.Displayed ? o.Remaining : r.Displayed;
            Emit(new OrderBookEvent { Kind = OrderBookEventKind.Traded, Order = o.Key, Counterparty = r.Key, Side = o.Side, PriceTicks = _minTicks + lvl, Lots = q });
            o.Remaining -= q;
            o.Displayed -= q;
            r.Remaining -= q;
            r.Displayed -= q;
            if (r.Remaining == 0)
            {
                Unlink(cur);
                Release(cur);
            }
            else if (r.Displayed == 0)
            {
                r.Displayed = r.Peak < r.Remaining ? r.Peak : r.Remaining;
                r.Priority = _nextPriority++;
                Unlink(cur);
                LinkTail(cur);
                Emit(new OrderBookEvent { Kind = OrderBookEventKind.IcebergRefilled, Order = r.Key, Side = r.Side, PriceTicks = _minTicks + lvl, Lots = r.Remaining, DisplayedLots = r.Displayed, Priority = r.Priority });
                if (next < 0)
                {
                    next = cur;
                }
            }

            cur = next;
        }

        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Eligible(ref Slot a, ref Slot b) =>
        (a.Filter.Mode == LocationFilterMode.Any && b.Filter.Mode == LocationFilterMode.Any) || (a.Filter.Accepts(b.Location) && b.Filter.Accepts(a.Location));

    /// <summary>
    /// Whether the pending order can fill in full now (fill-or-kill, all-or-none). Walks the eligible opposite queues in
    /// matching order: displayed peaks first, then iceberg reserves per level; resting all-or-none orders are not counted,
    /// and an own order under cancel-newest ends the check. Conservative: when it says yes, matching fills in full.
    /// </summary>
    private bool CanFill(int h)
    {
        ref var o = ref _slots[h];
        var need = o.Remaining;
        var buy = o.Side == OrderSide.Buy;
        var heads = buy ? _askHead : _bidHead;
        var lvl = buy ? _bestAsk : _bestBid;
        while (lvl >= 0 && (buy ? lvl <= o.Level : lvl >= o.Level))
        {
            long reserve = 0;
            for (var c = heads[lvl]; c >= 0; c = _slots[c].Next)
            {
                ref var r = ref _slots[c];
                if (!Eligible(ref o, ref r))
                {
                    continue;
                }

                var own = r.Key.Participant == o.Key.Participant;
                if (r.Condition == ExecutionCondition.AllOrNone)
                {
                    if (own && _stp == SelfTradePrevention.CancelNewest && r.Remaining <= need)
                    {
                        return false;
                    }

                    continue;
                }

                if (own)
                {
                    if (_stp == SelfTradePrevention.CancelNewest)
                    {
                        return false;
                    }

                    continue;
                }

                need -= r.Displayed;
                if (need <= 0)
                {
                    return true;
                }

                reserve += r.Remaining - r.Displayed;
            }

            need -= reserve;
            if (need <= 0)
            {
                return true;
            }

            lvl = buy ? NextSet(_askBits, lvl + 1, _levelCount) : PrevSet(_bidBits, lvl - 1);
        }

        return false;
    }

    private void Advance()
    {
        _now = _clock.GetCurrentInstant();
        if (_gateClosed)
        {
            return;
        }

        if (_now >= _gateClosure)
        {
            ExpireAll(null, ReasonCode.GateClosure);
            _gateClosed = true;
            Emit(new OrderBookEvent { Kind = OrderBookEventKind.GateClosed, Reason = ReasonCode.GateClosure });
            return;
        }

        while (_heapCount > 0 && _heap[0].Expiry <= _now)
        {
            var top = _heap[0];
            PopExpiry();
            if (_slots[top.Handle].State == Resting && _slots[top.Handle].Serial == top.Serial)
            {
                Remove(top.Handle, OrderBookEventKind.Expired, ReasonCode.GoodTillDateReached);
            }
        }
    }

    private void ExpireAll(OrderValidity? validity, ReasonCode reason)
    {
        for (var l = _bestBid; l >= 0; l = PrevSet(_bidBits, l - 1))
        {
            ExpireLevel(_bidHead, l, validity, reason);
        }

        for (var l = _bestAsk; l >= 0; l = NextSet(_askBits, l + 1, _levelCount))
        {
            ExpireLevel(_askHead, l, validity, reason);
        }
    }

    private void ExpireLevel(int[] heads, int lvl, OrderValidity? validity, ReasonCode reason)
    {
        var c = heads[lvl];
        while (c >= 0)
        {
            var next = _slots[c].Next;
            if (validity is null || _slots[c].Validity == validity)
            {
                Remove(c, OrderBookEventKind.Expired, reason);
            }

            c = next;
        }
    }

    /// <summary>Removes a live order (resting or pending) with a cancel or expiry event.</summary>
    private void Remove(int h, OrderBookEventKind kind, ReasonCode reason)
    {
        ref var o = ref _slots[h];
        Emit(new OrderBookEvent { Kind = kind, Reason = reason, Order = o.Key, Side = o.Side, PriceTicks = _minTicks + o.Level, Lots = o.Remaining });
        Unlink(h);
        Release(h);
    }

    private void Release(int h)
    {
        ref var o = ref _slots[h];
        _index.Remove(o.Key);
        o.State = Free;
        o.Next = _freeHead;
        _freeHead = h;
    }

    private void LinkTail(int h)
    {
        ref var o = ref _slots[h];
        var lvl = o.Level;
        o.State = Resting;
        o.Next = -1;
        if (o.Side == OrderSide.Buy)
        {
            var tail = _bidTail[lvl];
            o.Prev = tail;
            if (tail >= 0)
            {
                _slots[tail].Next = h;
            }
            else
            {
                _bidHead[lvl] = h;
                _bidBits[lvl >> 6] |= 1UL << lvl;
                if (lvl > _bestBid)
                {
                    _bestBid = lvl;
                }
            }

            _bidTail[lvl] = h;
        }
        else
        {
            var tail = _askTail[lvl];
            o.Prev = tail;
            if (tail >= 0)
            {
                _slots[tail].Next = h;
            }
            else
            {
                _askHead[lvl] = h;
                _askBits[lvl >> 6] |= 1UL << lvl;
                if (_bestAsk < 0 || lvl < _bestAsk)
                {
                    _bestAsk = lvl;
                }
            }

            _askTail[lvl] = h;
        }
    }

    private void Unlink(int h)
    {
        ref var o = ref _slots[h];
        if (o.State != Resting)
        {
            return;
        }

        var lvl = o.Level;
        var buy = o.Side == OrderSide.Buy;
        var heads = buy ? _bidHead : _askHead;
        var tails = buy ? _bidTail : _askTail;
        if (o.Prev >= 0)
        {
            _slots[o.Prev].Next = o.Next;
        }
        else
        {
            heads[lvl] = o.Next;
        }

        if (o.Next >= 0)
        {
            _slots[o.Next].Prev = o.Prev;
        }
        else
        {
            tails[lvl] = o.Prev;
        }

        o.Prev = -1;
        o.Next = -1;
        o.State = Pending;
        if (heads[lvl] < 0)
        {
            if (buy)
            {
                _bidBits[lvl >> 6] &= ~(1UL << lvl);
                if (lvl == _bestBid)
                {
                    _bestBid = PrevSet(_bidBits, lvl - 1);
                }
            }
            else
            {
                _askBits[lvl >> 6] &= ~(1UL << lvl);
                if (lvl == _bestAsk)
                {
                    _bestAsk = NextSet(_askBits, lvl + 1, _levelCount);
                }
            }
        }
    }

    private static int NextSet(ulong[] bits, int from, int count)
    {
        if (from >= count)
        {
            return -1;
        }

        var w = from >> 6;
        var word = bits[w] & (ulong.MaxValue << (from & 63));
        while (true)
        {
            if (word != 0)
            {
                return (w << 6) + BitOperations.TrailingZeroCount(word);
            }

            if (++w >= bits.Length)
            {
                return -1;
            }

            word = bits[w];
        }
    }

    private static int PrevSet(ulong[] bits, int from)
    {
        if (from < 0)
        {
            return -1;
        }

        var w = from >> 6;
        var word = bits[w] & (ulong.MaxValue >> (63 - (from & 63)));
        while (true)
        {
            if (word != 0)
            {
                return (w << 6) + 63 - BitOperations.LeadingZeroCount(word);
            }

            if (--w < 0)
            {
                return -1;
            }

            word = bits[w];
        }
    }

    private void PushExpiry(int h)
    {
        if (_heapCount == _heap.Length)
        {
            Array.Resize(ref _heap, _heap.Length * 2);
        }

        var entry = new ExpiryEntry(_slots[h].Expiry, _slots[h].Serial, h);
        var i = _heapCount++;
        while (i > 0)
        {
            var parent = (i - 1) >> 1;
            if (!entry.Before(_heap[parent]))
            {
                break;
            }

            _heap[i] = _heap[parent];
            i = parent;
        }

        _heap[i] = entry;
    }

    private void PopExpiry()
    {
        var last = _heap[--_heapCount];
        var i = 0;
        while (true)
        {
            var child = (2 * i) + 1;
            if (child >= _heapCount)
            {
                break;
            }

            if (child + 1 < _heapCount && _heap[child + 1].Before(_heap[child]))
            {
                child++;
            }

            if (!_heap[child].Before(last))
            {
                break;
            }

            _heap[i] = _heap[child];
            i = child;
        }

        if (_heapCount > 0)
        {
            _heap[i] = last;
        }
    }

    private RestingOrder ToResting(int h)
    {
        ref var o = ref _slots[h];
        return new RestingOrder(o.Key, o.Side, _minTicks + o.Level, o.Remaining, o.Displayed, o.Peak, o.Priority, o.Condition, o.Validity,
            o.Validity == OrderValidity.GoodTillDate ? o.Expiry : default, o.Location, o.Filter);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Emit(OrderBookEvent e)
    {
        var stamped = e with { Sequence = _nextEvent++, Time = _now };
        _sink.OnEvent(in stamped);
    }

    private int ClampLevel(long ticks) => (int)Math.Clamp(ticks - _minTicks, 0, _levelCount - 1);

    private static int[] NewLevels(int count)
    {
        var a = new int[count];
        Array.Fill(a, -1);
        return a;
    }

    private struct Slot
    {
        public OrderKey Key;
        public long Remaining;
        public long Displayed;
        public long Peak;
        public long Priority;
        public long Serial;
        public Instant Expiry;
        public LocationFilter Filter;
        public int Level;
        public int Prev;
        public int Next;
        public int Location;
        public OrderSide Side;
        public OrderType Type;
        public ExecutionCondition Condition;
        public OrderValidity Validity;
        public byte State;
    }

    private readonly record struct ExpiryEntry(Instant Expiry, long Serial, int Handle)
    {
        public bool Before(ExpiryEntry other) => Expiry < other.Expiry || (Expiry == other.Expiry && Serial < other.Serial);
    }
}
