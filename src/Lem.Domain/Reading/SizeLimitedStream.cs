namespace Lem.Domain.Reading;

/// <summary>
/// A read-only stream over another one that throws <see cref="InputTooLargeException"/> as soon as more than a set
/// number of bytes has been read from it. Placed over a decompressing stream it measures the decompressed bytes, so a
/// small compressed file that expands without bound (a "zip bomb") is refused after at most the limit plus one byte
/// was decompressed (docs/scenario-format.md#limits). Disposing it disposes the inner stream.
/// </summary>
public sealed class SizeLimitedStream : Stream
{
    private readonly Stream _inner;
    private long _read;

    /// <summary>Wraps <paramref name="inner"/> with a limit of <paramref name="maxBytes"/> bytes.</summary>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="maxBytes"/> is negative.</exception>
    public SizeLimitedStream(Stream inner, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        _inner = inner;
        MaxBytes = maxBytes;
    }

    /// <summary>The most bytes that may be read.</summary>
    public long MaxBytes { get; }

    /// <inheritdoc />
    public override bool CanRead => true;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => false;

    /// <inheritdoc />
    public override long Length => throw new NotSupportedException();

    /// <summary>The number of bytes read so far.</summary>
    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <inheritdoc />
    public override int Read(Span<byte> buffer)
    {
        // Ask for at most one byte past the limit: reading it proves the input too large without reading on.
        var allowed = MaxBytes - _read + 1;
        if (buffer.Length > allowed)
        {
            buffer = buffer[..(int)allowed];
        }

        var n = _inner.Read(buffer);
        _read += n;
        if (_read > MaxBytes)
        {
            throw new InputTooLargeException(MaxBytes);
        }

        return n;
    }

    /// <inheritdoc />
    public override void Flush()
    {
    }

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
