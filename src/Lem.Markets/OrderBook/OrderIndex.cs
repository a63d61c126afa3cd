using System.Runtime.CompilerServices;

namespace Lem.Markets.OrderBook;

/// <summary>
/// The live orders of an <see cref="OrderBook"/> by key: an open-addressing hash table (linear probing, backward-shift
/// deletion) of 8-byte cells, each a 32-bit fingerprint of the key's hash and the order's handle, in one flat array
/// (docs/order-book.md, "Performance"). The table's slot for a key (its home) is the top bits of the fingerprint, so
/// deletion and growth need no key; a lookup compares fingerprints and checks a match against the order itself
/// (<see cref="IOrderKeys"/>), so a lookup for an absent key reads one or two neighbouring cells and nothing else. The
/// table doubles when it is two thirds full and never holds a key twice; it allocates nothing between growths.
/// </summary>
internal sealed class OrderIndex
{
    private const int MinSize = 64;

    /// <summary>A per-process random term of the hash, so that keys colliding in one run cannot be chosen in advance.</summary>
    private static readonly ulong Seed = (ulong)Random.Shared.NextInt64() | 1UL;

    /// <summary>Cells: fingerprint &lt;&lt; 32 | (handle + 1); 0 = empty.</summary>
    private ulong[] _cells;

    /// <summary>32 − log2(table size): a fingerprint shifted right by this is its home cell.</summary>
    private int _shift;

    /// <summary>Creates an empty index with room for about <paramref name="capacity"/> orders before it grows.</summary>
    public OrderIndex(int capacity)
    {
        var size = MinSize;
        while (2L * size < 3L * capacity)
        {
            size <<= 1;
        }

        _cells = new ulong[size];
        _shift = 32 - int.Log2(size);
    }

    /// <summary>The number of keys held.</summary>
    public int Count { get; private set; }

    /// <summary>The handle stored for <paramref name="key"/>, or -1 when the key is absent; <paramref name="keys"/> checks a fingerprint match.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Find<TKeys>(OrderKey key, TKeys keys)
        where TKeys : struct, IOrderKeys
    {
        var cells = _cells;
        var mask = cells.Length - 1;
        var fingerprint = Fingerprint(key);
        for (var i = (int)(fingerprint >> _shift); ; i = (i + 1) & mask)
        {
            var cell = cells[i];
            if (cell == 0)
            {
                return -1;
            }

            if ((uint)(cell >> 32) == fingerprint && keys.Holds((int)(uint)cell - 1, key))
            {
                return (int)(uint)cell - 1;
            }
        }
    }

    /// <summary>Adds <paramref name="key"/> (which must be absent) with its non-negative <paramref name="handle"/>.</summary>
    public void Add(OrderKey key, int handle)
    {
        if (3L * (Count + 1) > 2L * _cells.Length)
        {
            Grow();
        }

        Insert(((ulong)Fingerprint(key) << 32) | (uint)(handle + 1));
        Count++;
    }

    /// <summary>Removes <paramref name="key"/>, which must be present with <paramref name="handle"/>.</summary>
    public void Remove(OrderKey key, int handle)
    {
        var cells = _cells;
        var mask = cells.Length - 1;
        var i = (int)(Fingerprint(key) >> _shift);
        while ((uint)cells[i] != (uint)(handle + 1))
        {
            i = (i + 1) & mask;
        }

        // Backward-shift deletion: move later cells of the probe run into the hole when their home allows it.
        var hole = i;
        for (var j = (i + 1) & mask; cells[j] != 0; j = (j + 1) & mask)
        {
            var home = (int)((uint)(cells[j] >> 32) >> _shift);
            if (((j - home) & mask) >= ((j - hole) & mask))
            {
                cells[hole] = cells[j];
                hole = j;
            }
        }

        cells[hole] = 0;
        Count--;
    }

    /// <summary>The key's 32-bit fingerprint: the top half of a 64-bit mix of client order id, participant and the seed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Fingerprint(OrderKey key)
    {
        var x = ((ulong)key.ClientOrderId ^ Seed) * 0x9E3779B97F4A7C15UL;
        x ^= (ulong)(uint)key.Participant * 0xC2B2AE3D27D4EB4FUL;
        x ^= x >> 29;
        return (uint)((x * 0xBF58476D1CE4E5B9UL) >> 32);
    }

    private void Insert(ulong cell)
    {
        var mask = _cells.Length - 1;
        var i = (int)((uint)(cell >> 32) >> _shift);
        while (_cells[i] != 0)
        {
            i = (i + 1) & mask;
        }

        _cells[i] = cell;
    }

    private void Grow()
    {
        var old = _cells;
        _cells = new ulong[old.Length * 2];
        _shift--;
        foreach (var cell in old)
        {
            if (cell != 0)
            {
                Insert(cell);
            }
        }
    }
}
