using System.Diagnostics;
using Lem.Domain.Orders;
using NodaTime;

namespace Lem.Markets.OrderBook;

/// <summary>
/// The deterministic benchmark stream for an order book: about 60 % new limit orders that rest, 30 % cancels of random
/// live orders and 10 % aggressive immediate-or-cancel orders that trade, over 1000 price levels (45.00–54.99 EUR/MWh
/// at a 0.01 tick), 1000 resting participants and 100 aggressive ones (so self-trade prevention never fires). It is its
/// own event sink: it keeps the set of live orders (to pick cancels) in preallocated arrays, so it allocates nothing.
/// </summary>
public sealed class SyntheticOrderStream : IOrderBookEventSink
{
    /// <summary>The mid price in ticks of 0.01 EUR/MWh (50 EUR/MWh).</summary>
    public const long MidTicks = 5000;

    /// <summary>The number of price levels the stream uses (500 below the mid for bids, 500 from the mid up for asks).</summary>
    public const int PriceLevels = 1000;

    private const int IdMask = (1 << 20) - 1;
    private readonly long[] _live;

    /// <summary>Per client order id (modulo 2^20): its place in <see cref="_live"/>, participant and open lots, side by side (one cache line per order).</summary>
    private readonly IdSlot[] _ids;
    private int _liveCount;
    private ulong _state;
    private long _nextId = 1;

    /// <summary>Creates a stream with room for <paramref name="maxLiveOrders"/> live orders; the seed fixes the sequence.</summary>
    public SyntheticOrderStream(int maxLiveOrders, ulong seed = 0x9E3779B97F4A7C15UL)
    {
        _live = new long[maxLiveOrders];
        _ids = new IdSlot[IdMask + 1];

        // Written once here, so that the first-touch page faults of the stream's own 17 MB of bookkeeping happen before
        // a measured run starts rather than being counted against the book.
        _live.AsSpan().Clear();
        _ids.AsSpan().Clear();
        _state = seed | 1;
    }

    /// <summary>The product the stream is meant for: −500…4000 EUR/MWh, tick 0.01 EUR/MWh, lot 0.1 MWh, gate far away.</summary>
    public static OrderBookProduct Product(int maxLiveOrders) => new()
    {
        ProductId = "bench",
        GateClosure = Instant.MaxValue,
        TickSizeEurPerMwh = 0.01m,
        LotSizeMwh = 0.1m,
        MaxLiveOrders = maxLiveOrders,
    };

    /// <summary>The number of trades seen.</summary>
    public long Trades { get; private set; }

    /// <summary>The number of rejected requests seen (expected 0).</summary>
    public long Rejections { get; private set; }

    /// <summary>The number of live orders in the book.</summary>
    public int LiveOrders => _liveCount;

    /// <summary>The number of new resting orders, cancels and aggressive orders issued.</summary>
    public (long Resting, long Cancels, long Aggressive) Mix { get; private set; }

    /// <summary>
    /// Runs <paramref name="operations"/> requests against <paramref name="book"/> (which must report to this stream).
    /// Every <paramref name="sampleEvery"/>-th request is timed with two <see cref="Stopwatch.GetTimestamp"/> calls and
    /// its latency in Stopwatch ticks stored in <paramref name="latencyTicks"/> (pass null to time nothing); returns the
    /// number of samples stored.
    /// </summary>
    public int Run(OrderBook book, int operations, long[]? latencyTicks, int sampleEvery)
    {
        ArgumentNullException.ThrowIfNull(book);
        var samples = 0;
        long resting = 0, cancels = 0, aggressive = 0;
        for (var i = 0; i < operations; i++)
        {
            var r = Next();
            var kind = (int)(r % 10);
            var timed = latencyTicks is not null && i % sampleEvery == 0 && samples < latencyTicks.Length;
            var t0 = timed ? Stopwatch.GetTimestamp() : 0;
            if (kind < 6 || (kind < 9 && _liveCount == 0))
            {
                var buy = ((r >> 8) & 1) == 0;
                var d = (long)Math.Min((r >> 16) % 500, (r >> 32) % 500);
                var id = _nextId++;
                var participant = (int)((r >> 40) % 1000);
                _ids[(int)(id & IdMask)].Participant = participant;
                book.Submit(new OrderEntry
                {
                    Participant = participant, ClientOrderId = id, Side = buy ? OrderSide.Buy : OrderSide.Sell,
                    PriceTicks = buy ? MidTicks - 1 - d : MidTicks + d, Lots = 1 + (long)((r >> 50) % 10),
                });
                resting++;
            }
            else if (kind < 9)
            {
                var id = _live[(int)((r >> 8) % (ulong)_liveCount)];
                book.Cancel(new OrderKey(ParticipantOf(id), id));
                cancels++;
            }
            else
            {
                var buy = ((r >> 8) & 1) == 0;
                var spread = _liveCount > 20_000 ? 48UL : 24UL;
                book.Submit(new OrderEntry
                {
                    Participant = 1000 + (int)((r >> 40) % 100), ClientOrderId = -(_nextId++), Side = buy ? OrderSide.Buy : OrderSide.Sell,
                    PriceTicks = buy ? MidTicks + PriceLevels / 2 : MidTicks - 1 - PriceLevels / 2, Lots = 1 + (long)((r >> 16) % spread),
                    Condition = ExecutionCondition.ImmediateOrCancel,
                });
                aggressive++;
            }

            if (timed)
            {
                latencyTicks![samples++] = Stopwatch.GetTimestamp() - t0;
            }
        }

        Mix = (Mix.Resting + resting, Mix.Cancels + cancels, Mix.Aggressive + aggressive);
        return samples;
    }

    /// <inheritdoc />
    public void OnEvent(in OrderBookEvent e)
    {
        switch (e.Kind)
        {
            case OrderBookEventKind.Rested:
                if (e.Order.ClientOrderId > 0 && _liveCount < _live.Length)
                {
                    ref var slot = ref _ids[(int)(e.Order.ClientOrderId & IdMask)];
                    slot.Position = _liveCount;
                    slot.Remaining = e.Lots;
                    _live[_liveCount++] = e.Order.ClientOrderId;
                }

                break;
            case OrderBookEventKind.Traded:
                Trades++;
                if (Contains(e.Counterparty.ClientOrderId) && (_ids[(int)(e.Counterparty.ClientOrderId & IdMask)].Remaining -= e.Lots) == 0)
                {
                    Drop(e.Counterparty.ClientOrderId);
                }

                break;
            case OrderBookEventKind.Cancelled or OrderBookEventKind.Expired:
                Drop(e.Order.ClientOrderId);
                break;
            case OrderBookEventKind.Rejected:
                Rejections++;
                break;
        }
    }

    /// <summary>Forgets a live order that was filled, cancelled or expired.</summary>
    private void Drop(long clientOrderId)
    {
        if (!Contains(clientOrderId))
        {
            return;
        }

        var pos = _ids[(int)(clientOrderId & IdMask)].Position;
        var last = _live[--_liveCount];
        _live[pos] = last;
        _ids[(int)(last & IdMask)].Position = pos;
    }

    private bool Contains(long clientOrderId)
    {
        if (clientOrderId <= 0)
        {
            return false;
        }

        var pos = _ids[(int)(clientOrderId & IdMask)].Position;
        return pos < _liveCount && _live[pos] == clientOrderId;
    }

    private int ParticipantOf(long id) => _ids[(int)(id & IdMask)].Participant;

    private ulong Next()
    {
        _state ^= _state << 13;
        _state ^= _state >> 7;
        _state ^= _state << 17;
        return _state;
    }

    /// <summary>What the stream keeps about one client order id.</summary>
    private struct IdSlot
    {
        public long Remaining;
        public int Position;
        public int Participant;
    }
}
