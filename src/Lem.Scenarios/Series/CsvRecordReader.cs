using nietras.SeparatedValues;

namespace Lem.Scenarios.Series;

/// <summary>
/// Reads the records of CSV text in Lem's dialect (<see cref="CsvDialect"/>) with the Sep library, each with the line it
/// starts on, so that readers can report problems as <c>file:line</c>.
/// </summary>
public static class CsvRecordReader
{
    /// <summary>
    /// The records of <paramref name="text"/>, in order, blank lines included (<see cref="CsvRecord.IsBlank"/>). The
    /// enumeration throws <see cref="CsvFormatException"/> (after the good records before it) when a quoted cell is never
    /// closed or a record is longer than <see cref="CsvDialect.MaxRecordChars"/> (then with <c>size.too_large</c>: the
    /// record is not buffered past the limit). The reader is not disposed.
    /// </summary>
    public static IEnumerable<CsvRecord> Read(TextReader text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return ReadRecords(text);
    }

    private static IEnumerable<CsvRecord> ReadRecords(TextReader text)
    {
        var counting = new QuoteCountingReader(text);
        using var sep = CsvDialect.ReaderOptions.From(counting);

        // One record is held back: only when the text has ended is it known whether the last record closed its quotes
        // (an open quote runs to the end of the text, so it can only be in the last record).
        CsvRecord? pending = null;
        var nextLine = 1;
        while (true)
        {
            bool more;
            try
            {
                more = sep.MoveNext();
            }
            catch (NotSupportedException)
            {
                // Sep's buffer limit: a record of more than MaxRecordChars characters, usually a quote left open.
                // An open quote is a malformed file; a long record without one is a size refusal.
                throw counting.Quotes % 2 == 1
                    ? new CsvFormatException(nextLine, $"The record starting on line {nextLine} has a quoted cell that is not closed within {CsvDialect.MaxRecordChars} characters; a closing double quote (\") is missing.")
                    : new CsvFormatException(nextLine, ValidationCodes.SizeLimit, $"The record starting on line {nextLine} is longer than {CsvDialect.MaxRecordChars} characters, the limit; it is not read.");
            }

            if (!more)
            {
                break;
            }

            var (record, endLine) = Take(sep.Current);
            if (pending is not null)
            {
                yield return pending;
            }

            pending = record;
            nextLine = endLine;
        }

        if (counting.Quotes % 2 == 1)
        {
            var line = pending?.Line ?? 1;
            throw new CsvFormatException(line, $"The record starting on line {line} has a quoted cell that is never closed; a closing double quote (\") is missing.");
        }

        if (pending is not null)
        {
            yield return pending;
        }
    }

    /// <summary>Copies a Sep row out of Sep's buffer: the record and the line the next record starts on.</summary>
    private static (CsvRecord Record, int NextLine) Take(SepReader.Row row)
    {
        // Sep numbers the lines of the first row from its end; the first row starts on line 1.
        var line = row.RowIndex == 0 ? 1 : row.LineNumberFrom;
        var cells = new string[row.ColCount];
        for (var i = 0; i < cells.Length; i++)
        {
            cells[i] = row[i].ToString();
        }

        return (new CsvRecord(line, cells), row.LineNumberToExcl);
    }
}
