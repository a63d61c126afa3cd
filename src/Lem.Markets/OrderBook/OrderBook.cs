using System.Runtime.CompilerServices;

namespace Lem.Markets.OrderBook;

/// <summary>
/// The continuous limit order book of one delivery product (docs/order-book.md): price-time priority, trades at the
/// resting order's price, limit/market/IOC/FOK/AON/iceberg orders, good-till-date and good-for-session validity, amend
/// and cancel, gate closure, self-trade prevention and location filters. Every state change is an
/// <see cref="OrderBookEvent"/> reported to the <see cref="IOrderBookEventSink"/>; invalid requests are rejected with a
/// <see cref="ReasonCode"/>, never thrown.
/// </summary>
/// <remarks>
/// <para>
/// Event sourced: a request is first <em>decided</em> (validation, matching, which events happen, in this file), and
/// every event it decides is then applied by the one <c>Apply</c> (event → state change, in <c>OrderBook.Apply.cs</c>)
/// before the sink hears of it. <see cref="Replay"/> feeds a logged stream through the same <c>Apply</c>, so a replayed
/// book cannot drift from the live one. The decision code reads the state but never writes it.
/// </para>
/// <para>
/// The hot path works in integer ticks and lots on a struct array of orders addressed by int handles (free list; it
/// grows on demand up to the product's capacity), with price levels allocated on demand in pages of 256 ticks
/// (<see cref="PriceLevels"/>: per-level queue heads and tails, bitsets of non-empty levels to move the best pointers),
/// and intrusive doubly-linked FIFO queues per level (O(1) cancel). Matching allocates nothing. A product may cap each
/// participant's live orders (<see cref="OrderBookProduct.MaxLiveOrdersPerParticipant"/>).
/// All-or-none orders rest in the same queues but are skipped by aggressors too small to fill them in full, so a
/// resting AON order may overlap the opposite best price; location filters likewise (see <see cref="Snapshot"/>).
/// A client order id must be unique among the participant's live orders; it may be reused once the order is gone.
/// Not thread-safe: one book is driven by one thread.
/// </para>
/// </remarks>
public sealed partial class OrderBook
{
    /// <summary>The order storage a new book starts with (it doubles when full, up to the product's capacity).</summary>
    private const int InitialSlots = 64;

    private readonly IClock _clock;
    private readonly IOrderBookEventSink _sink;
    private readonly long _minTicks;
    private readonly int _levelCount;
    private readonly int _marketBuyLevel;
    private readonly int _marketSellLevel;
    private readonly Instant _gateClosure;
    private readonly SelfTradePrevention _stp;
    private readonly int _maxLive;
    private readonly int _maxLivePerParticipant;
    private Instant _now;

    /// <summary>Creates an empty book for <paramref name="product"/>; <paramref name="clock"/> supplies the time of every request.</summary>
    public OrderBook(OrderBookProduct product, IClock clock, IOrderBookEventSink sink)
    {
        ArgumentNullException.ThrowIfNull(product);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(sink);
        if (product.TickSizeEurPerMwh <= 0 || product.LotSizeMwh <= 0 || product.MaxPriceEurPerMwh < product.MinPriceEurPerMwh || product.MaxLiveOrders < 1
            || product.MaxLiveOrdersPerParticipant is < 1)
        {
            throw new ArgumentException("The product needs positive tick and lot sizes, a non-empty price band and positive capacities.", nameof(product));
        }

        Product = product;
        Encoding = new OrderBookEncoding(product);
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

        _maxLive = product.MaxLiveOrders;
        _maxLivePerParticipant = product.MaxLiveOrdersPerParticipant ?? int.MaxValue;
        var initial = Math.Min(_maxLive, InitialSlots);
        Debug.Assert(Unsafe.SizeOf<Slot>() == 64 && Unsafe.SizeOf<Terms>() == 64, "an order's slot and its terms fill one cache line each");
        _slots = new AlignedBuffer<Slot>(initial);
        _terms = new AlignedBuffer<Terms>(initial);
        _freeHead = -1;
        AddFreeSlots(0, initial);
        _bids = new PriceLevels(_levelCount, descending: true);
        _asks = new PriceLevels(_levelCount, descending: false);
        _index = new OrderIndex(initial);
        _expiries = new PriorityQueue<int, ExpiryKey>(initial);
    }

    /// <summary>The product traded in this book.</summary>
    public OrderBookProduct Product { get; }

    /// <summary>The number of live (resting) orders.</summary>
    public int LiveOrderCount => _index.Count;

    /// <summary>The number of live orders of participant <paramref name="participant"/> (resting, or pending during a request).</summary>
    public int LiveOrderCountOf(int participant) => _liveByParticipant.Of(participant);

    /// <summary>The price-level pages allocated so far, both sides (each covers 256 ticks; levels cost nothing until an order rests there).</summary>
    public int AllocatedLevelPages => _bids.AllocatedPages + _asks.AllocatedPages;

    /// <summary>Whether the gate has closed.</summary>
    public bool IsGateClosed => _gateClosed;

    /// <summary>The lowest admissible price in ticks.</summary>
    public long MinPriceTicks => _minTicks;

    /// <summary>The highest admissible price in ticks.</summary>
    public long MaxPriceTicks => _minTicks + _levelCount - 1;

    /// <summary>The best (highest) bid price in ticks, or null when there are no bids.</summary>
    public long? BestBidTicks => _bids.Best < 0 ? null : _minTicks + _bids.Best;

    /// <summary>The best (lowest) ask price in ticks, or null when there are no asks.</summary>
    public long? BestAskTicks => _asks.Best < 0 ? null : _minTicks + _asks.Best;

    /// <summary>The encoding of domain orders in this book's ticks and lots.</summary>
    public OrderBookEncoding Encoding { get; }

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
            Emit(new OrderBookEvent
            {
                Sequence = _nextEvent, Time = _now, Kind = OrderBookEventKind.Rejected, Reason = reason, Order = key, Side = order.Side,
                PriceTicks = order.PriceTicks, Lots = order.Lots,
            });
            return reason;
        }

        var level = order.Type == OrderType.Market ? (order.Side == OrderSide.Buy ? _marketBuyLevel : _marketSellLevel) : (int)(order.PriceTicks - _minTicks);
        var h = Emit(new OrderBookEvent
        {
            Sequence = _nextEvent, Time = _now, Kind = OrderBookEventKind.Accepted, Order = key, Side = order.Side, PriceTicks = _minTicks + level,
            Lots = order.Lots, DisplayedLots = order.PeakLots, Type = order.Type, Condition = order.Condition, Validity = order.Validity,
            Expiry = order.Expiry, Location = order.Location, Filter = order.Filter,
        });
        Execute(h);
        return ReasonCode.None;
    }

    /// <summary>Cancels a live order; an unknown key is rejected with <see cref="ReasonCode.UnknownOrder"/>.</summary>
    public ReasonCode Cancel(OrderKey key)
    {
        Advance();
        var h = FindLive(key);
        if (h < 0)
        {
            Emit(new OrderBookEvent { Sequence = _nextEvent, Time = _now, Kind = OrderBookEventKind.Rejected, Reason = ReasonCode.UnknownOrder, Order = key });
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
        var h = -1;
        var reason = ReasonCode.None;
        if (_gateClosed)
        {
            reason = ReasonCode.GateClosed;
        }
        else if ((h = FindLive(key)) < 0)
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
        else if (newPriceTicks == _minTicks + _slots[h].Level && newLots == _slots[h].Remaining)
        {
            reason = ReasonCode.InvalidAmendment;
        }

        if (reason != ReasonCode.None)
        {
            Emit(new OrderBookEvent { Sequence = _nextEvent, Time = _now, Kind = OrderBookEventKind.Rejected, Reason = reason, Order = key, PriceTicks = newPriceTicks, Lots = newLots });
            return reason;
        }

        ref var o = ref _slots[h];
        if (newPriceTicks == _minTicks + o.Level && newLots < o.Remaining)
        {
            Emit(new OrderBookEvent
            {
                Sequence = _nextEvent, Time = _now, Kind = OrderBookEventKind.Amended, Order = key, Side = o.Side, PriceTicks = newPriceTicks, Lots = newLots,
                DisplayedLots = Math.Min(o.Displayed, newLots),
            }, h);
            return ReasonCode.None;
        }

        Emit(new OrderBookEvent
        {
            Sequence = _nextEvent, Time = _now, Kind = OrderBookEventKind.Amended, Order = key, Side = o.Side, PriceTicks = newPriceTicks, Lots = newLots,
            DisplayedLots = newLots, PriorityLost = true,
        }, h);
        Execute(h);
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
    public bool Contains(OrderKey key) => FindLive(key) >= 0;

    /// <summary>A full copy of the book's state: resting orders per side in matching order, gate state and counters.</summary>
    public OrderBookSnapshot Snapshot()
    {
        return new OrderBookSnapshot(Product.ProductId, _gateClosed, _nextPriority, _nextEvent, Resting(_bids), Resting(_asks));
    }

    /// <summary>
    /// Rebuilds a book by applying <paramref name="events"/> (as emitted by a book of the same product) in order, through
    /// the same state transition the live book uses, without matching again and without emitting them; further requests
    /// to the new book report to <paramref name="sink"/>.
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

        if (FindLive(key) >= 0)
        {
            return ReasonCode.DuplicateClientOrderId;
        }

        // The participant's own cap comes first: a participant under it is refused only when the whole book is full.
        if (_liveByParticipant.Of(order.Participant) >= _maxLivePerParticipant)
        {
            return ReasonCode.ParticipantOrderLimit;
        }

        return _index.Count >= _maxLive ? ReasonCode.BookFull : ReasonCode.None;
    }

    /// <summary>Matches the pending order <paramref name="h"/>, then rests, cancels or kills its remainder.</summary>
    private void Execute(int h)
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
                Rest(h);
            }

            return;
        }

        var outcome = Match(h);
        if (outcome == MatchOutcome.Filled)
        {
            return;
        }

        if (outcome == MatchOutcome.SelfTrade)
        {
            Remove(h, OrderBookEventKind.Cancelled, ReasonCode.SelfTradePrevented);
        }
        else if (o.IsMarket)
        {
            Remove(h, OrderBookEventKind.Cancelled, ReasonCode.MarketOrderRemainder);
        }
        else if (condition is ExecutionCondition.ImmediateOrCancel or ExecutionCondition.FillOrKill)
        {
            Remove(h, OrderBookEventKind.Cancelled, ReasonCode.ImmediateOrCancelRemainder);
        }
        else
        {
            Rest(h);
        }
    }

    /// <summary>Puts the pending order's remainder at the back of its level's queue, with its peak displayed.</summary>
    private void Rest(int h)
    {
        ref var o = ref _slots[h];
        Emit(new OrderBookEvent
        {
            Sequence = _nextEvent, Time = _now, Kind = OrderBookEventKind.Rested, Order = o.Key, Side = o.Side, PriceTicks = _minTicks + o.Level,
            Lots = o.Remaining, DisplayedLots = o.IsIceberg ? Math.Min(_terms[h].Peak, o.Remaining) : o.Remaining, Priority = _nextPriority,
        }, h);
    }

    /// <summary>Walks the opposite side's levels from the best one while they are within the pending order's limit.</summary>
    private MatchOutcome Match(int h)
    {
        var limit = _slots[h].Level;
        var side = Opposite(_slots[h].Side);
        for (var lvl = side.Best; lvl >= 0 && side.Within(lvl, limit); lvl = side.After(lvl))
        {
            var outcome = MatchLevel(h, side, lvl);
            if (outcome != MatchOutcome.Open)
            {
                return outcome;
            }
        }

        return MatchOutcome.Open;
    }

    /// <summary>
    /// Trades the incoming order <paramref name="h"/> against level <paramref name="lvl"/>'s queue, front to back (a
    /// refilled iceberg goes to the back and is met again). Returns <see cref="MatchOutcome.Filled"/>,
    /// <see cref="MatchOutcome.SelfTrade"/> or <see cref="MatchOutcome.Open"/> when the level has nothing more for it.
    /// </summary>
    private MatchOutcome MatchLevel(int h, PriceLevels side, int lvl)
    {
        ref var o = ref _slots[h];
        var cur = side.Head(lvl);
        while (cur >= 0)
        {
            ref var r = ref _slots[cur];
            var next = r.Next;
            if (!Eligible(ref o, ref r) || (r.Condition == ExecutionCondition.AllOrNone && r.Remaining > o.Remaining))
            {
                cur = next;
                continue;
            }

            if (r.Participant == o.Participant)
            {
                if (_stp == SelfTradePrevention.CancelNewest)
                {
                    return MatchOutcome.SelfTrade;
                }

                Remove(cur, OrderBookEventKind.Cancelled, ReasonCode.SelfTradePrevented);
                cur = next;
                continue;
            }

            var q = o.Remaining < r.Displayed ? o.Remaining : r.Displayed;
            var filled = q == o.Remaining;
            Emit(new OrderBookEvent
            {
                Sequence = _nextEvent, Time = _now, Kind = OrderBookEventKind.Traded, Order = o.Key, Counterparty = r.Key, Side = o.Side,
                PriceTicks = _minTicks + lvl, Lots = q,
            }, h, cur);
            if (r.Remaining > 0 && r.Displayed == 0)
            {
                var peak = _terms[cur].Peak;
                Emit(new OrderBookEvent
                {
                    Sequence = _nextEvent, Time = _now, Kind = OrderBookEventKind.IcebergRefilled, Order = r.Key, Side = r.Side, PriceTicks = _minTicks + lvl,
                    Lots = r.Remaining, DisplayedLots = peak < r.Remaining ? peak : r.Remaining, Priority = _nextPriority,
                }, cur);
                if (next < 0)
                {
                    next = cur;
                }
            }

            if (filled)
            {
                return MatchOutcome.Filled;
            }

            cur = next;
        }

        return MatchOutcome.Open;
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
        var side = Opposite(o.Side);
        for (var lvl = side.Best; lvl >= 0 && side.Within(lvl, o.Level); lvl = side.After(lvl))
        {
            long reserve = 0;
            for (var c = side.Head(lvl); c >= 0; c = _slots[c].Next)
            {
                ref var r = ref _slots[c];
                if (!Eligible(ref o, ref r))
                {
                    continue;
                }

                var own = r.Participant == o.Participant;
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
        }

        return false;
    }

    /// <summary>
    /// Reads the clock; closes the gate when due (every resting order expires first), otherwise expires the
    /// good-till-date orders whose instant has passed, earliest expiry first (ties: earliest accepted).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Advance()
    {
        _now = _clock.GetCurrentInstant();
        if (!_gateClosed && (_now >= _gateClosure || _expiries.Count > 0))
        {
            CloseOrExpire();
        }
    }

    /// <summary>The part of <see cref="Advance"/> that changes the book: the gate closes, or expired orders leave.</summary>
    private void CloseOrExpire()
    {
        if (_now >= _gateClosure)
        {
            ExpireAll(null, ReasonCode.GateClosure);
            Emit(new OrderBookEvent { Sequence = _nextEvent, Time = _now, Kind = OrderBookEventKind.GateClosed, Reason = ReasonCode.GateClosure });
            return;
        }

        while (_expiries.TryPeek(out var h, out var due) && due.Expiry <= _now)
        {
            if (IsQueuedOrder(h, due))
            {
                Remove(h, OrderBookEventKind.Expired, ReasonCode.GoodTillDateReached);
            }

            // The entry now refers to a gone order: dropping it changes no state (docs/order-book.md, "Expiry").
            _expiries.Dequeue();
        }
    }

    /// <summary>Expires the resting orders of <paramref name="validity"/> (null = all), bids first, then asks, each in matching order.</summary>
    private void ExpireAll(OrderValidity? validity, ReasonCode reason)
    {
        ExpireSide(_bids, validity, reason);
        ExpireSide(_asks, validity, reason);
    }

    private void ExpireSide(PriceLevels side, OrderValidity? validity, ReasonCode reason)
    {
        for (var lvl = side.Best; lvl >= 0; lvl = side.After(lvl))
        {
            var c = side.Head(lvl);
            while (c >= 0)
            {
                var next = _slots[c].Next;
                if (validity is null || _terms[c].Validity == validity)
                {
                    Remove(c, OrderBookEventKind.Expired, reason);
                }

                c = next;
            }
        }
    }

    /// <summary>Removes a live order (resting or pending) with a cancel or expiry event.</summary>
    private void Remove(int h, OrderBookEventKind kind, ReasonCode reason)
    {
        ref var o = ref _slots[h];
        Emit(new OrderBookEvent
        {
            Sequence = _nextEvent, Time = _now, Kind = kind, Reason = reason, Order = o.Key, Side = o.Side, PriceTicks = _minTicks + o.Level, Lots = o.Remaining,
        }, h);
    }

    /// <summary>
    /// Applies a decided event (stamped with the next sequence number and the current time) through <see cref="Apply(in OrderBookEvent, int, int)"/>,
    /// then reports it to the sink. <paramref name="h"/> and <paramref name="c"/> are the handles of the event's order and
    /// counterparty, which the deciding code already knows. Returns the order's handle (the new one for an acceptance).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Emit(in OrderBookEvent e, int h = -1, int c = -1)
    {
        var handle = Apply(in e, h, c);
        _sink.OnEvent(in e);
        return handle;
    }

    private RestingOrder ToResting(int h)
    {
        ref var o = ref _slots[h];
        ref var t = ref _terms[h];
        return new RestingOrder(o.Key, o.Side, _minTicks + o.Level, o.Remaining, o.Displayed, t.Peak, t.Priority, o.Condition, t.Validity,
            t.Validity == OrderValidity.GoodTillDate ? t.Expiry : default, o.Location, o.Filter);
    }

    private int ClampLevel(long ticks) => (int)Math.Clamp(ticks - _minTicks, 0, _levelCount - 1);

    /// <summary>The side an order of side <paramref name="side"/> trades against.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private PriceLevels Opposite(OrderSide side) => side == OrderSide.Buy ? _asks : _bids;

    /// <summary>The resting orders of one side in matching order.</summary>
    private List<RestingOrder> Resting(PriceLevels side)
    {
        var list = new List<RestingOrder>();
        for (var l = side.Best; l >= 0; l = side.After(l))
        {
            for (var c = side.Head(l); c >= 0; c = _slots[c].Next)
            {
                list.Add(ToResting(c));
            }
        }

        return list;
    }

    /// <summary>How matching a pending order against the opposite side ended.</summary>
    private enum MatchOutcome
    {
        /// <summary>The levels within the limit are exhausted; the incoming order has a remainder.</summary>
        Open,

        /// <summary>The incoming order was filled in full (it is gone).</summary>
        Filled,

        /// <summary>Matching stopped at an own resting order under cancel-newest self-trade prevention.</summary>
        SelfTrade,
    }
}
