using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Lem.Markets.OrderBook;

/// <summary>
/// A fixed-length array of unmanaged structs whose first element starts on a 64-byte boundary, so that a struct of 64
/// bytes (or a divisor of 64) never straddles two cache lines (docs/order-book.md, "Performance"). A managed array's
/// data starts 16 bytes after its object, which is only 8-byte aligned: a 64-byte element of a plain array usually
/// spans two lines, and reaching it at random costs two cache misses instead of one. The elements live in a pinned byte
/// array (the pinned object heap never moves it, so the offset to the aligned start stays valid); indexing checks its
/// bound only in debug builds, as the book's handles are its own.
/// </summary>
/// <typeparam name="T">The element type (no references).</typeparam>
internal readonly struct AlignedBuffer<T>
    where T : unmanaged
{
    private const int Alignment = 64;

    private readonly byte[] _bytes;
    private readonly int _offset;

    /// <summary>Creates a buffer of <paramref name="length"/> zeroed elements.</summary>
    public AlignedBuffer(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        _bytes = GC.AllocateArray<byte>(checked((length * Unsafe.SizeOf<T>()) + Alignment), pinned: true);
        var pin = GCHandle.Alloc(_bytes, GCHandleType.Pinned);
        var address = (long)pin.AddrOfPinnedObject();
        pin.Free();
        _offset = (int)((Alignment - (address & (Alignment - 1))) & (Alignment - 1));
        Length = length;
    }

    /// <summary>The number of elements.</summary>
    public int Length { get; }

    /// <summary>The element at <paramref name="index"/> (0 ≤ index &lt; <see cref="Length"/>).</summary>
    public ref T this[int index]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            Debug.Assert((uint)index < (uint)Length, "index within the buffer");
            return ref Unsafe.Add(ref Unsafe.As<byte, T>(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_bytes), _offset)), index);
        }
    }

    /// <summary>A new buffer of <paramref name="length"/> elements holding this one's elements first (the rest zeroed).</summary>
    public AlignedBuffer<T> Resized(int length)
    {
        var bigger = new AlignedBuffer<T>(length);
        AsSpan(Math.Min(Length, length)).CopyTo(bigger.AsSpan(length));
        return bigger;
    }

    /// <summary>The first <paramref name="count"/> elements as a span.</summary>
    public Span<T> AsSpan(int count) => MemoryMarshal.Cast<byte, T>(_bytes.AsSpan(_offset, count * Unsafe.SizeOf<T>()));
}
