using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Lem.Markets.OrderBook;

/// <summary>
/// The book's state and its one state transition, <see cref="Apply(in OrderBookEvent, int, int)"/>: live requests and
/// <see cref="Replay"/> both change the book only through it (docs/order-book.md, "Events and replay").
/// </summary>
public sealed partial class OrderBook
{
    private readonly PriceLevels _bids;
    private readonly PriceLevels _asks;
    private readonly OrderIndex _index;

    /// <summary>Live orders per participant number (an entry stays, at 0, once its participant has no live order).</summary>
    private readonly ParticipantCounts _liveByParticipant = new();

    /// <summary>Good-till-date orders by (expiry, acceptance); an entry whose order is gone is dropped when it comes up.</summary>
    private readonly PriorityQueue<int, ExpiryKey> _expiries;
    /// <summary>The orders by handle, 64 bytes each on 64-byte boundaries (one cache line per order).</summary>
    private AlignedBuffer<Slot> _slots;

    /// <summary>The terms of each slot's order that matching does not read, beside <see cref="_slots"/> (same handles).</summary>
    private AlignedBuffer<Terms> _terms;
    private int _freeHead;
    private long _nextPriority = 1;
    private long _nextEvent = 1;
    private bool _gateClosed;

    /// <summary>Applies a logged event (replay): finds the handles of its order and counterparty by key, then applies it.</summary>
    private void Apply(in OrderBookEvent e)
    {
        var h = e.Kind is OrderBookEventKind.Accepted or OrderBookEventKind.Rejected or OrderBookEventKind.GateClosed ? -1 : LiveHandle(e.Order);
        var c = e.Kind == OrderBookEventKind.Traded ? LiveHandle(e.Counterparty) : -1;
        Apply(in e, h, c);
    }

    /// <summary>The handle of the live order <paramref name="key"/> named by a replayed event; a log naming a gone order is not this book's.</summary>
    private int LiveHandle(OrderKey key)
    {
        var h = FindLive(key);
        return h >= 0 ? h : throw new KeyNotFoundException($"The replayed event names order {key}, which is not live in the book.");
    }

    /// <summary>
    /// The state transition: changes the book as event <paramref name="e"/> says, without deciding anything.
    /// <paramref name="h"/> is the handle of <see cref="OrderBookEvent.Order"/> (ignored for an acceptance, which takes a
    /// free slot), <paramref name="c"/> that of <see cref="OrderBookEvent.Counterparty"/> for a trade. Returns the order's handle.
    /// </summary>
    private int Apply(in OrderBookEvent e, int h, int c)
    {
        _nextEvent = e.Sequence + 1;
        switch (e.Kind)
        {
            case OrderBookEventKind.Accepted:
            {
                if (_freeHead < 0)
                {
                    GrowSlots();
                }

                h = _freeHead;
                ref var o = ref _slots[h];
                _freeHead = o.Next;
                o.ClientOrderId = e.Order.ClientOrderId;
                o.Participant = e.Order.Participant;
                o.Side = e.Side;
                o.Level = (int)(e.PriceTicks - _minTicks);
                o.Remaining = e.Lots;
                o.Displayed = e.Lots;
                o.Condition = e.Condition;
                o.Location = e.Location;
                o.Filter = e.Filter;
                o.Prev = -1;
                o.Next = -1;
                o.State = SlotState.Pending;
                o.IsMarket = e.Type == OrderType.Market;
                o.IsIceberg = e.DisplayedLots > 0;
                o.GoodTillDate = e.Validity == OrderValidity.GoodTillDate;
                _terms[h] = new Terms
                {
                    Peak = e.DisplayedLots, Type = e.Type, Validity = e.Validity, Expiry = e.Expiry, Serial = e.Sequence,
                };
                _index.Add(e.Order, h);
                _liveByParticipant.CountOf(e.Order.Participant)++;
                break;
            }

            case OrderBookEventKind.Traded:
                Fill(c, e.Lots);
                Fill(h, e.Lots);
                break;

            case OrderBookEventKind.Rested:
            {
                ref var o = ref _slots[h];
                o.Displayed = e.DisplayedLots;
                _terms[h].Priority = e.Priority;
                _nextPriority = e.Priority + 1;
                LinkTail(h);

                // The terms line is only written here for an order without expiry (the flag is in the slot), so a
                // store miss on it does not hold up the request.
                if (o.GoodTillDate && !_terms[h].ExpiryQueued)
                {
                    ref var t = ref _terms[h];
                    t.ExpiryQueued = true;
                    _expiries.Enqueue(h, new ExpiryKey(t.Expiry, t.Serial));
                }

                break;
            }

            case OrderBookEventKind.IcebergRefilled:
            {
                Unlink(h);
                _slots[h].Displayed = e.DisplayedLots;
                _terms[h].Priority = e.Priority;
                _nextPriority = e.Priority + 1;
                LinkTail(h);
                break;
            }

            case OrderBookEventKind.Cancelled:
            case OrderBookEventKind.Expired:
                Unlink(h);
                Release(h);
                break;

            case OrderBookEventKind.Amended:
            {
                if (e.PriorityLost)
                {
                    Unlink(h);
                }

                ref var o = ref _slots[h];
                o.Level = (int)(e.PriceTicks - _minTicks);
                o.Remaining = e.Lots;
                o.Displayed = e.DisplayedLots;
                break;
            }

            case OrderBookEventKind.GateClosed:
                _gateClosed = true;
                _expiries.Clear();
                break;
        }

        return h;
    }

    /// <summary>The handle of the live order <paramref name="key"/>, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int FindLive(OrderKey key) => _index.Find(key, new SlotKeys(_slots));

    /// <summary>Whether the expiry entry (<paramref name="h"/>, <paramref name="due"/>) still refers to the resting order it was queued for.</summary>
    private bool IsQueuedOrder(int h, ExpiryKey due) => _slots[h].State == SlotState.Resting && _terms[h].Serial == due.Serial;

    /// <summary>Takes <paramref name="lots"/> off an order's open and displayed quantity; a filled order leaves the book.</summary>
    private void Fill(int h, long lots)
    {
        ref var o = ref _slots[h];
        o.Remaining -= lots;
        o.Displayed -= lots;
        if (o.Remaining == 0)
        {
            Unlink(h);
            Release(h);
        }
    }

    private void Release(int h)
    {
        ref var o = ref _slots[h];
        _index.Remove(o.Key, h);
        _liveByParticipant.CountOf(o.Participant)--;
        o.State = SlotState.Free;
        o.Next = _freeHead;
        _freeHead = h;
    }

    /// <summary>Doubles the order storage (never beyond the product's capacity, which <c>Validate</c> enforces first).</summary>
    private void GrowSlots()
    {
        var old = _slots.Length;
        var size = (int)Math.Min((long)_maxLive, Math.Max(2L * old, InitialSlots));
        _slots = _slots.Resized(size);
        _terms = _terms.Resized(size);
        AddFreeSlots(old, size);
    }

    /// <summary>Puts the slots [<paramref name="from"/>, <paramref name="to"/>) on the free list, lowest first.</summary>
    private void AddFreeSlots(int from, int to)
    {
        for (var i = to - 1; i >= from; i--)
        {
            _slots[i].Next = _freeHead;
            _freeHead = i;
        }
    }

    private void LinkTail(int h)
    {
        ref var o = ref _slots[h];
        var side = o.Side == OrderSide.Buy ? _bids : _asks;
        ref var queue = ref side.Queue(o.Level);
        var tail = queue.Tail;
        o.State = SlotState.Resting;
        o.Next = -1;
        o.Prev = tail;
        queue.Tail = h;
        if (tail >= 0)
        {
            _slots[tail].Next = h;
        }
        else
        {
            queue.Head = h;
            side.MarkNonEmpty(o.Level);
        }
    }

    /// <summary>Takes a resting order out of its level's queue (it becomes pending); does nothing to a pending order.</summary>
    private void Unlink(int h)
    {
        ref var o = ref _slots[h];
        if (o.State != SlotState.Resting)
        {
            return;
        }

        var prev = o.Prev;
        var next = o.Next;
        o.Prev = -1;
        o.Next = -1;
        o.State = SlotState.Pending;
        if (prev >= 0 && next >= 0)
        {
            // Inside the queue: only the neighbours change, not the level.
            _slots[prev].Next = next;
            _slots[next].Prev = prev;
            return;
        }

        var side = o.Side == OrderSide.Buy ? _bids : _asks;
        ref var queue = ref side.Queue(o.Level);
        if (prev >= 0)
        {
            _slots[prev].Next = next;
        }
        else
        {
            queue.Head = next;
        }

        if (next >= 0)
        {
            _slots[next].Prev = prev;
        }
        else
        {
            queue.Tail = prev;
        }

        if (queue.Head < 0)
        {
            side.MarkEmpty(o.Level);
        }
    }

    /// <summary>
    /// What matching, linking and cancelling read of an order, in 64 bytes (one cache line): its key, open and
    /// displayed lots, level, queue links, side, condition, location filter and three flags of its terms (market,
    /// iceberg, good till date), so that a plain limit order is accepted, matched and rested without reading its terms. The rest is in <see cref="Terms"/>.
    /// </summary>
    [StructLayout(LayoutKind.Sequential, Size = 64)]
    private struct Slot
    {
        public long ClientOrderId;
        public long Remaining;
        public long Displayed;
        public LocationFilter Filter;
        public int Participant;
        public int Level;
        public int Prev;
        public int Next;
        public int Location;
        public OrderSide Side;
        public ExecutionCondition Condition;
        public SlotState State;

        /// <summary>Whether the order is a market order (its type, copied from the terms so that matching need not read them).</summary>
        public bool IsMarket;

        /// <summary>Whether the order is an iceberg (a peak in the terms).</summary>
        public bool IsIceberg;

        /// <summary>Whether the order is good till date (its validity; the expiry is in the terms).</summary>
        public bool GoodTillDate;

        /// <summary>The order's key.</summary>
        public readonly OrderKey Key => new(Participant, ClientOrderId);
    }

    /// <summary>The terms of a slot's order read only when it is accepted, rests, refills an iceberg peak or expires (56 bytes, padded to a cache line).</summary>
    [StructLayout(LayoutKind.Sequential, Size = 64)]
    private struct Terms
    {
        public long Peak;
        public long Priority;
        public long Serial;
        public Instant Expiry;
        public OrderType Type;
        public OrderValidity Validity;
        public bool ExpiryQueued;
    }

    /// <summary>The keys of the orders in the slots, for the index's check of a fingerprint match.</summary>
    private readonly struct SlotKeys(AlignedBuffer<Slot> slots) : IOrderKeys
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool Holds(int handle, OrderKey key)
        {
            ref var o = ref slots[handle];
            return o.ClientOrderId == key.ClientOrderId && o.Participant == key.Participant;
        }
    }

    /// <summary>Where an order slot stands: free (on the free list), pending (live, being handled, in no queue) or resting in a queue.</summary>
    private enum SlotState : byte
    {
        Free,
        Pending,
        Resting,
    }

    /// <summary>The expiry queue's priority: the expiry instant, then the acceptance event's sequence number (earlier first).</summary>
    private readonly record struct ExpiryKey(Instant Expiry, long Serial) : IComparable<ExpiryKey>
    {
        public int CompareTo(ExpiryKey other)
        {
            var byTime = Expiry.CompareTo(other.Expiry);
            return byTime != 0 ? byTime : Serial.CompareTo(other.Serial);
        }
    }
}
