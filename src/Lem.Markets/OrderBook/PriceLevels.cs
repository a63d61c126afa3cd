using System.Numerics;
using System.Runtime.CompilerServices;

namespace Lem.Markets.OrderBook;

/// <summary>
/// One side of an <see cref="OrderBook"/>'s price levels, allocated on demand (docs/order-book.md, "Capacity" and
/// "Performance"): the band's levels (tick offsets from its bottom) are cut into pages of 256; a page — the head and tail
/// handles of its levels' FIFO queues and a bitset of its non-empty levels — is allocated when an order first rests on
/// one of its levels and kept for reuse. Allocated pages live side by side in two flat arenas (queues, bits) that double
/// when full; a directory maps a page number to its place in them, so reaching a level costs two array reads and no
/// object dereference. Two summary bitsets (non-empty pages, and non-zero words of that) find the next non-empty level
/// in a few word scans however fine the tick. An empty side holds only the directory (one int per 256 levels) and the
/// summaries. The side also keeps its best level: the highest non-empty one for bids, the lowest for asks.
/// </summary>
internal sealed class PriceLevels
{
    private const int PageShift = 8;
    private const int PageSize = 1 << PageShift;
    private const int PageMask = PageSize - 1;
    private const int WordsPerPage = PageSize / 64;
    private const int WordShift = 2;

    /// <summary>Page number → its place in the arenas, or -1 while the page is not allocated.</summary>
    private readonly int[] _directory;
    private readonly ulong[] _pageBits;
    private readonly ulong[] _wordBits;
    private readonly int _levelCount;
    private readonly bool _descending;

    /// <summary>The queues of the allocated pages, <see cref="PageSize"/> per page, in allocation order.</summary>
    private LevelQueue[] _queues = [];

    /// <summary>The non-empty-level bits of the allocated pages, <see cref="WordsPerPage"/> words per page.</summary>
    private ulong[] _bits = [];

    /// <summary>Creates an empty side over <paramref name="levelCount"/> levels; bids rank <paramref name="descending"/> (highest first).</summary>
    public PriceLevels(int levelCount, bool descending)
    {
        _levelCount = levelCount;
        _descending = descending;
        var pages = (levelCount + PageMask) >> PageShift;
        _directory = new int[pages];
        Array.Fill(_directory, -1);
        _pageBits = new ulong[(pages + 63) >> 6];
        _wordBits = new ulong[(_pageBits.Length + 63) >> 6];
    }

    /// <summary>The best non-empty level (highest bid, lowest ask), or -1 when the side is empty.</summary>
    public int Best { get; private set; } = -1;

    /// <summary>The number of pages allocated so far (each covers 256 levels).</summary>
    public int AllocatedPages { get; private set; }

    /// <summary>The first order handle queued at <paramref name="level"/>, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Head(int level)
    {
        var p = _directory[level >> PageShift];
        return p < 0 ? -1 : _queues[(p << PageShift) | (level & PageMask)].Head;
    }

    /// <summary>The queue of <paramref name="level"/>, allocating its page when needed (head and tail -1 when empty).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref LevelQueue Queue(int level)
    {
        var p = _directory[level >> PageShift];
        if (p < 0)
        {
            p = NewPage(level >> PageShift);
        }

        return ref _queues[(p << PageShift) | (level & PageMask)];
    }

    /// <summary>Whether <paramref name="level"/> is within <paramref name="limit"/> in this side's order (bids: at or above, asks: at or below).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Within(int level, int limit) => _descending ? level >= limit : level <= limit;

    /// <summary>The next non-empty level after <paramref name="level"/> in matching order (lower for bids, higher for asks), or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int After(int level) => _descending ? Prev(level - 1) : Next(level + 1);

    /// <summary>Marks <paramref name="level"/> non-empty (its queue got its first order; its page exists) and moves the best level if it improves.</summary>
    public void MarkNonEmpty(int level)
    {
        var page = level >> PageShift;
        _bits[(_directory[page] << WordShift) | ((level & PageMask) >> 6)] |= 1UL << level;
        _pageBits[page >> 6] |= 1UL << page;
        _wordBits[page >> 12] |= 1UL << (page >> 6);
        if (Best < 0 || (_descending ? level > Best : level < Best))
        {
            Best = level;
        }
    }

    /// <summary>Marks <paramref name="level"/> empty (its queue lost its last order) and moves the best level when it was the best.</summary>
    public void MarkEmpty(int level)
    {
        var page = level >> PageShift;
        var first = _directory[page] << WordShift;
        var bits = _bits.AsSpan(first, WordsPerPage);
        bits[(level & PageMask) >> 6] &= ~(1UL << level);
        if ((bits[0] | bits[1] | bits[2] | bits[3]) == 0)
        {
            _pageBits[page >> 6] &= ~(1UL << page);
            if (_pageBits[page >> 6] == 0)
            {
                _wordBits[page >> 12] &= ~(1UL << (page >> 6));
            }
        }

        if (level == Best)
        {
            Best = After(level);
        }
    }

    /// <summary>The lowest non-empty level at or above <paramref name="from"/>, or -1.</summary>
    private int Next(int from)
    {
        if (from >= _levelCount)
        {
            return -1;
        }

        var level = InPage(from, up: true);
        if (level >= 0)
        {
            return level;
        }

        var page = NextPage((from >> PageShift) + 1);
        return page < 0 ? -1 : InPage(page << PageShift, up: true);
    }

    /// <summary>The highest non-empty level at or below <paramref name="from"/>, or -1.</summary>
    private int Prev(int from)
    {
        if (from < 0)
        {
            return -1;
        }

        var level = InPage(from, up: false);
        if (level >= 0)
        {
            return level;
        }

        var page = PrevPage((from >> PageShift) - 1);
        return page < 0 ? -1 : InPage((page << PageShift) | PageMask, up: false);
    }

    /// <summary>
    /// The nearest non-empty level of <paramref name="from"/>'s page, from <paramref name="from"/> on (inclusive) upwards
    /// or downwards, or -1 when there is none (or the page is not allocated).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int InPage(int from, bool up)
    {
        var page = from >> PageShift;
        var p = _directory[page];
        if (p < 0)
        {
            return -1;
        }

        var first = p << WordShift;
        var w = (from & PageMask) >> 6;
        var word = _bits[first + w] & (up ? ulong.MaxValue << (from & 63) : ulong.MaxValue >> (63 - (from & 63)));
        while (word == 0)
        {
            w += up ? 1 : -1;
            if ((uint)w >= WordsPerPage)
            {
                return -1;
            }

            word = _bits[first + w];
        }

        return (page << PageShift) + (w << 6) + (up ? BitOperations.TrailingZeroCount(word) : 63 - BitOperations.LeadingZeroCount(word));
    }

    /// <summary>The lowest page at or above <paramref name="from"/> with a non-empty level, or -1.</summary>
    private int NextPage(int from)
    {
        if (from >= _directory.Length)
        {
            return -1;
        }

        var w = from >> 6;
        var word = _pageBits[w] & (ulong.MaxValue << (from & 63));
        if (word != 0)
        {
            return (w << 6) + BitOperations.TrailingZeroCount(word);
        }

        // The next non-zero word of page bits, found through the word summary.
        var start = w + 1;
        if (start >= _pageBits.Length)
        {
            return -1;
        }

        var s = start >> 6;
        var summary = _wordBits[s] & (ulong.MaxValue << (start & 63));
        while (summary == 0)
        {
            if (++s >= _wordBits.Length)
            {
                return -1;
            }

            summary = _wordBits[s];
        }

        w = (s << 6) + BitOperations.TrailingZeroCount(summary);
        return (w << 6) + BitOperations.TrailingZeroCount(_pageBits[w]);
    }

    /// <summary>The highest page at or below <paramref name="from"/> with a non-empty level, or -1.</summary>
    private int PrevPage(int from)
    {
        if (from < 0)
        {
            return -1;
        }

        var w = from >> 6;
        var word = _pageBits[w] & (ulong.MaxValue >> (63 - (from & 63)));
        if (word != 0)
        {
            return (w << 6) + 63 - BitOperations.LeadingZeroCount(word);
        }

        var start = w - 1;
        if (start < 0)
        {
            return -1;
        }

        var s = start >> 6;
        var summary = _wordBits[s] & (ulong.MaxValue >> (63 - (start & 63)));
        while (summary == 0)
        {
            if (--s < 0)
            {
                return -1;
            }

            summary = _wordBits[s];
        }

        w = (s << 6) + 63 - BitOperations.LeadingZeroCount(summary);
        return (w << 6) + 63 - BitOperations.LeadingZeroCount(_pageBits[w]);
    }

    /// <summary>Allocates page <paramref name="page"/> (all its queues empty) at the end of the arenas, doubling them when full.</summary>
    private int NewPage(int page)
    {
        var p = AllocatedPages++;
        if ((p + 1) * PageSize > _queues.Length)
        {
            var pages = Math.Max(1, 2 * (_queues.Length >> PageShift));
            var old = _queues.Length;
            Array.Resize(ref _queues, pages * PageSize);
            _queues.AsSpan(old).Fill(LevelQueue.Empty);
            Array.Resize(ref _bits, pages * WordsPerPage);
        }

        _directory[page] = p;
        return p;
    }

    /// <summary>The FIFO queue of one price level: the first and last order handles (-1 when empty).</summary>
    public struct LevelQueue
    {
        /// <summary>The first order handle, or -1.</summary>
        public int Head;

        /// <summary>The last order handle, or -1.</summary>
        public int Tail;

        /// <summary>An empty queue.</summary>
        public static LevelQueue Empty => new() { Head = -1, Tail = -1 };
    }
}
