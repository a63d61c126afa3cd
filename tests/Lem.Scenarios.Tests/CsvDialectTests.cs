using Lem.Domain.Time;
using Lem.Domain.Validation;
using Lem.Scenarios.Series;
using NodaTime;

namespace Lem.Scenarios.Tests;

/// <summary>The CSV dialect shared by the time-series, meter and auction-order readers, and the time-series reader on it.</summary>
public sealed class CsvDialectTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lem-csv-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static List<CsvRecord> Records(string text) => CsvRecordReader.Read(new StringReader(text)).ToList();

    [Fact]
    public void Records_UnquoteCells_KeepLineBreaksInQuotes_AndStartOnTheirPhysicalLine()
    {
        var records = Records("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"two\r\nlines\",x\n\n  \n\"\",last");

        Assert.Equal([1, 2, 4, 5, 6], records.Select(r => r.Line));
        Assert.Equal(["a", "b,c", "say \"hi\""], records[0].Cells);
        Assert.Equal(["two\r\nlines", "x"], records[1].Cells);
        Assert.True(records[2].IsBlank);
        Assert.True(records[3].IsBlank);
        Assert.Equal(["", "last"], records[4].Cells);
        Assert.False(records[4].IsBlank);
    }

    [Fact]
    public void Records_FirstRecordSpanningLines_StartsOnLineOne()
    {
        var records = Records("\"a\nb\",c\n1,2\n");
        Assert.Equal([1, 3], records.Select(r => r.Line));
        Assert.Equal(["a\nb", "c"], records[0].Cells);
    }

    [Theory]
    [InlineData("a,b\n1,\"2\n3,4\n", 2)]     // opened on line 2, runs to the end
    [InlineData("a,b\n1,2\n3,\"4", 3)]       // opened in the last line, no line break after it
    [InlineData("\"a,b", 1)]
    [InlineData("a,\"b\nc\",d\ne,\"f\ng", 3)] // the record before closes its quoted line break
    public void Records_UnterminatedQuote_ThrowsWithTheLineOfItsRecord_AfterTheGoodRecords(string text, int line)
    {
        var read = new List<CsvRecord>();
        var ex = Assert.Throws<CsvFormatException>(() =>
        {
            foreach (var r in CsvRecordReader.Read(new StringReader(text)))
            {
                read.Add(r);
            }
        });

        Assert.Equal(line, ex.Line);
        Assert.Contains($"line {line}", ex.Message, StringComparison.Ordinal);
        Assert.Contains("never closed", ex.Message, StringComparison.Ordinal);
        Assert.All(read, r => Assert.True(r.Line < line));
    }

    private static Horizon FourQuarterHours() =>
        Horizon.Create(DateTimeZone.Utc, Instant.FromUtc(2026, 1, 1, 0, 0), Instant.FromUtc(2026, 1, 1, 1, 0), SlotLength.QuarterHour);

    private (CsvSeriesTable Table, List<ValidationError> Errors) ReadSeries(string text)
    {
        var path = Path.Combine(_dir, "p.csv");
        File.WriteAllText(path, text);
        var errors = new List<ValidationError>();
        return (CsvSeriesTable.Read(path, "p.csv", FourQuarterHours(), errors), errors);
    }

    [Fact]
    public void SeriesTable_QuotedCellWithLineBreak_IsOneCell_AndLaterLinesKeepTheirNumbers()
    {
        var (table, errors) = ReadSeries("slot,\"load\n(kW)\",pv\n0,1,\"0.5\"\n1,2,0\n2,3,0\n3,4,0\n");

        Assert.Empty(errors);
        Assert.True(table.IsValid);
        Assert.Equal(["load\n(kW)", "pv"], table.ColumnNames);
        Assert.Equal([1.0, 2, 3, 4], table.Column("load\n(kW)")!);
        Assert.Equal([0.5, 0, 0, 0], table.Column("pv")!);

        // The header spans lines 1 and 2, so slot 1 is on line 4.
        var (_, bad) = ReadSeries("slot,\"load\n(kW)\"\n0,1\n1,x\n2,3\n3,4\n");
        var e = Assert.Single(bad);
        Assert.Equal(("p.csv:4", ValidationCodes.FileMalformed), (e.Path, e.Code));
    }

    [Fact]
    public void SeriesTable_UnterminatedQuote_IsAMalformedFileError_AtTheLineOfItsRow()
    {
        var (table, errors) = ReadSeries("slot,load\n0,1\n1,\"2\n2,3\n3,4\n");

        Assert.False(table.IsValid);
        var e = Assert.Single(errors);
        Assert.Equal(("p.csv:3", ValidationCodes.FileMalformed), (e.Path, e.Code));
        Assert.Contains("never closed", e.Message, StringComparison.Ordinal);
    }
}
