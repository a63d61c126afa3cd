using System.Runtime.CompilerServices;

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

    /// <summary>The bits of a <see cref="_live"/> entry that hold the participant (resting participants are 0…999).</summary>
    private const int ParticipantBits = 10;

    /// <summary>The bits of an <see cref="_ids"/> entry that hold the open lots (a resting order has at most 10).</summary>
    private const int RemainingBits = 4;

    /// <summary>The live resting orders, each as (client order id &lt;&lt; 10) | participant, so a cancel reads one entry.</summary>
    private readonly long[] _live;

    /// <summary>Per client order id (modulo 2^20): its place in <see cref="_live"/> &lt;&lt; 4 | its open lots, in 4 bytes.</summary>
    private readonly int[] _ids;
    private int _liveCount;
    private ulong _state;
    private long _nextId = 1;

    /// <summary>The place in <see cref="_live"/> of the order the current cancel request names (-1 outside a cancel).</summary>
    private int _cancelling = -1;

    /// <summary>Creates a stream with room for <paramref name="maxLiveOrders"/> live orders; the seed fixes the sequence.</summary>
    public SyntheticOrderStream(int maxLiveOrders, ulong seed = 0x9E3779B97F4A7C15UL)
    {
        if (maxLiveOrders < 1 || maxLiveOrders > int.MaxValue >> RemainingBits)
        {
            throw new ArgumentOutOfRangeException(nameof(maxLiveOrders), "The stream holds between 1 and 2^27 live orders.");
        }

        _live = new long[maxLiveOrders];
        _ids = new int[IdMask + 1];

        // Written once here, so that the first-touch page faults of the stream's own 6 MB of bookkeeping happen before
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
    /// <remarks>
    /// Compiled fully optimized at once: the loop runs once per measured run, so tiered compilation would otherwise run
    /// it as on-stack-replacement code. Per request the stream draws one random number, builds one request and (for a
    /// cancel) reads one entry of its live-order list; a countdown, not a division, picks the timed requests.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Run(OrderBook book, int operations, long[]? latencyTicks, int sampleEvery)
    {
        ArgumentNullException.ThrowIfNull(book);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleEvery, 1);
        var samples = 0;
        var maxSamples = latencyTicks?.Length ?? 0;
        var countdown = 1;
        long resting = 0, cancels = 0, aggressive = 0;
        for (var i = 0; i < operations; i++)
        {
            var r = Next();
            var kind = (int)(r % 10);
            var timed = false;
            if (--countdown == 0)
            {
                countdown = sampleEvery;
                timed = samples < maxSamples;
            }

            var t0 = timed ? Stopwatch.GetTimestamp() : 0;
            if (kind < 6 || (kind < 9 && _liveCount == 0))
            {
                var buy = ((r >> 8) & 1) == 0;
                var d = (long)Math.Min((r >> 16) % 500, (r >> 32) % 500);
                book.Submit(new OrderEntry
                {
                    Participant = (int)((r >> 40) % 1000), ClientOrderId = _nextId++, Side = buy ? OrderSide.Buy : OrderSide.Sell,
                    PriceTicks = buy ? MidTicks - 1 - d : MidTicks + d, Lots = 1 + (long)((r >> 50) % 10),
                });
                resting++;
            }
            else if (kind < 9)
            {
                var pos = (int)((r >> 8) % (ulong)_liveCount);
                var entry = _live[pos];
                _cancelling = pos;
                book.Cancel(new OrderKey((int)(entry & ((1 << ParticipantBits) - 1)), entry >> ParticipantBits));
                _cancelling = -1;
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
            {
                var id = e.Order.ClientOrderId;
                if (id > 0 && (uint)e.Order.Participant < 1u << ParticipantBits && (ulong)e.Lots < 1UL << RemainingBits && _liveCount < _live.Length)
                {
                    _ids[(int)(id & IdMask)] = (_liveCount << RemainingBits) | (int)e.Lots;
                    _live[_liveCount++] = (id << ParticipantBits) | (long)e.Order.Participant;
                }

                break;
            }

            case OrderBookEventKind.Traded:
            {
                Trades++;
                var id = e.Counterparty.ClientOrderId;
                if (Contains(id))
                {
                    ref var cell = ref _ids[(int)(id & IdMask)];
                    cell -= (int)e.Lots;
                    if ((cell & ((1 << RemainingBits) - 1)) == 0)
                    {
                        Drop(cell >> RemainingBits);
                    }
                }

                break;
            }

            case OrderBookEventKind.Cancelled or OrderBookEventKind.Expired:
            {
                var id = e.Order.ClientOrderId;
                if (_cancelling >= 0 && _live[_cancelling] >> ParticipantBits == id)
                {
                    Drop(_cancelling);
                }
                else if (Contains(id))
                {
                    Drop(_ids[(int)(id & IdMask)] >> RemainingBits);
                }

                break;
            }

            case OrderBookEventKind.Rejected:
                Rejections++;
                break;
        }
    }

    /// <summary>Forgets the live order at place <paramref name="pos"/> of <see cref="_live"/> (filled, cancelled or expired): the last entry moves there.</summary>
    private void Drop(int pos)
    {
        var last = _live[--_liveCount];
        _live[pos] = last;
        ref var cell = ref _ids[(int)((last >> ParticipantBits) & IdMask)];
        cell = (pos << RemainingBits) | (cell & ((1 << RemainingBits) - 1));
    }

    /// <summary>Whether <paramref name="clientOrderId"/> is one of the live orders the stream keeps.</summary>
    private bool Contains(long clientOrderId)
    {
        if (clientOrderId <= 0)
        {
            return false;
        }

        var pos = _ids[(int)(clientOrderId & IdMask)] >> RemainingBits;
        return pos < _liveCount && _live[pos] >> ParticipantBits == clientOrderId;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ulong Next()
    {
        _state ^= _state << 13;
        _state ^= _state >> 7;
        _state ^= _state << 17;
        return _state;
    }
}
