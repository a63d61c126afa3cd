namespace Lem.Scenarios.Series;

/// <summary>
/// A text reader that passes another one through and counts the quote characters read, so that
/// <see cref="CsvRecordReader"/> can tell at the end of the text whether a quoted cell is still open (an odd count:
/// every quote opens or closes quoting, <c>""</c> inside a quoted cell closes and reopens it). It leaves the inner
/// reader open: its owner disposes it.
/// </summary>
internal sealed class QuoteCountingReader(TextReader inner) : TextReader
{
    /// <summary>The number of quote characters read so far.</summary>
    public long Quotes { get; private set; }

    public override int Peek() => inner.Peek();

    public override int Read()
    {
        var c = inner.Read();
        if (c == CsvDialect.Quote)
        {
            Quotes++;
        }

        return c;
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        var n = inner.Read(buffer);
        Quotes += buffer[..n].Count(CsvDialect.Quote);
        return n;
    }

    public override int ReadBlock(Span<char> buffer)
    {
        var n = inner.ReadBlock(buffer);
        Quotes += buffer[..n].Count(CsvDialect.Quote);
        return n;
    }

    public override int ReadBlock(char[] buffer, int index, int count) => ReadBlock(buffer.AsSpan(index, count));
}
