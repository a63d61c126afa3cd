using System.Runtime.CompilerServices;

namespace Lem.Markets.OrderBook;

/// <summary>
/// The live orders of an <see cref="OrderBook"/> by key: an open-addressing hash table (linear probing, backward-shift
/// deletion) of (key, handle) entries in one flat array, so a lookup reads one or two adjacent cache lines and allocates
/// nothing (docs/order-book.md, "Performance"). The table doubles when it is half full and never holds a key twice.
/// </summary>
internal sealed class OrderIndex
{
    private const int MinSize = 64;

    /// <summary>A per-process random term of the hash, so that keys colliding in one run cannot be chosen in advance.</summary>
    private static readonly ulong Seed = (ulong)Random.Shared.NextInt64() | 1UL;

    private Entry[] _entries;
    private int _shift;

    /// <summary>Creates an empty index with room for about <paramref name="capacity"/> orders before it grows.</summary>
    public OrderIndex(int capacity)
    {
        var size = MinSize;
        while (size < 2L * capacity)
        {
            size <<= 1;
        }

        _entries = NewTable(size);
        _shift = 64 - int.Log2(size);
    }

    /// <summary>The number of keys held.</summary>
    public int Count { get; private set; }

    /// <summary>The handle stored for <paramref name="key"/>, or -1 when the key is absent.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Find(OrderKey key)
    {
        var entries = _entries;
        var mask = entries.Length - 1;
        for (var i = Home(key); ; i = (i + 1) & mask)
        {
            ref var e = ref entries[i];
            if (e.Handle < 0)
            {
                return -1;
            }

            if (e.ClientOrderId == key.ClientOrderId && e.Participant == key.Participant)
            {
                return e.Handle;
            }
        }
    }

    /// <summary>Adds <paramref name="key"/> (which must be absent) with its non-negative <paramref name="handle"/>.</summary>
    public void Add(OrderKey key, int handle)
    {
        if (2 * (Count + 1) > _entries.Length)
        {
            Grow();
        }

        Insert(key.Participant, key.ClientOrderId, handle);
        Count++;
    }

    /// <summary>Removes <paramref name="key"/>, which must be present.</summary>
    public void Remove(OrderKey key)
    {
        var entries = _entries;
        var mask = entries.Length - 1;
        var i = Home(key);
        while (entries[i].ClientOrderId != key.ClientOrderId || entries[i].Participant != key.Participant)
        {
            i = (i + 1) & mask;
        }

        // Backward-shift deletion: move later entries of the probe run into the hole when their home allows it.
        var hole = i;
        for (var j = (i + 1) & mask; entries[j].Handle >= 0; j = (j + 1) & mask)
        {
            var home = Home(new OrderKey(entries[j].Participant, entries[j].ClientOrderId));
            if (((j - home) & mask) >= ((j - hole) & mask))
            {
                entries[hole] = entries[j];
                hole = j;
            }
        }

        entries[hole] = Entry.Empty;
        Count--;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Home(OrderKey key)
    {
        var x = ((ulong)key.ClientOrderId ^ Seed) * 0x9E3779B97F4A7C15UL;
        x ^= (ulong)(uint)key.Participant * 0xC2B2AE3D27D4EB4FUL;
        x ^= x >> 29;
        return (int)((x * 0xBF58476D1CE4E5B9UL) >> _shift);
    }

    private void Insert(int participant, long clientOrderId, int handle)
    {
        var mask = _entries.Length - 1;
        var i = Home(new OrderKey(participant, clientOrderId));
        while (_entries[i].Handle >= 0)
        {
            i = (i + 1) & mask;
        }

        _entries[i] = new Entry { ClientOrderId = clientOrderId, Participant = participant, Handle = handle };
    }

    private void Grow()
    {
        var old = _entries;
        _entries = NewTable(old.Length * 2);
        _shift--;
        foreach (var e in old)
        {
            if (e.Handle >= 0)
            {
                Insert(e.Participant, e.ClientOrderId, e.Handle);
            }
        }
    }

    private static Entry[] NewTable(int size)
    {
        var table = new Entry[size];
        Array.Fill(table, Entry.Empty);
        return table;
    }

    /// <summary>One table cell: a key and its order handle (-1 = empty cell).</summary>
    private struct Entry
    {
        public long ClientOrderId;
        public int Participant;
        public int Handle;

        public static Entry Empty => new() { Handle = -1 };
    }
}
