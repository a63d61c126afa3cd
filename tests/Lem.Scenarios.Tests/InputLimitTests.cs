using System.IO.Compression;
using System.Text;
using Lem.Domain.Validation;

namespace Lem.Scenarios.Tests;

/// <summary>
/// Size limits on the CSV files a scenario references (docs/scenario-format.md, "Limits"): compressed files are measured
/// while they are decompressed, a record longer than the record limit is refused without being buffered, and a refused
/// file is reported once, with <c>size.too_large</c>, and nothing else.
/// </summary>
public sealed class InputLimitTests : IDisposable
{
    private const long Mib = 1024 * 1024;

    private readonly string _dir = Directory.CreateTempSubdirectory("lem-limits-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Scenario(string demand) => $$"""
        {
          "format_version": 1,
          "name": "t",
          "horizon": { "time_zone": "UTC", "start": "2026-01-01T00:00", "end": "2026-01-01T01:00", "slot_minutes": 15 },
          "outside_market": { "wholesale_import_eur_per_mwh": 90, "retail_eur_per_kwh": 0.3, "feed_in_eur_per_kwh": 0.08 },
          "participants": [ { "id": "a", "role": "consumer", "assets": [ { "type": "inflexible_load", "id": "a-load", "demand_kw": {{demand}} } ] } ]
        }
        """;

    private string WriteScenario(string demand)
    {
        var path = Path.Combine(_dir, "scenario.json");
        File.WriteAllText(path, Scenario(demand));
        return path;
    }

    /// <summary>
    /// Writes a gzip file whose text is <paramref name="head"/> followed by <paramref name="mebibytes"/> MiB of
    /// <paramref name="fill"/> (no line break), as concatenated gzip members of 1 MiB each: the decompressed text is never
    /// held in memory, and the file is written in milliseconds.
    /// </summary>
    private static void WriteGzipBomb(string path, string head, byte fill, int mebibytes)
    {
        static byte[] Member(ReadOnlySpan<byte> data)
        {
            using var buffer = new MemoryStream();
            using (var z = new GZipStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
            {
                z.Write(data);
            }

            return buffer.ToArray();
        }

        var block = new byte[Mib];
        Array.Fill(block, fill);
        var member = Member(block);
        using var file = File.Create(path);
        file.Write(Member(Encoding.ASCII.GetBytes(head)));
        for (var i = 0; i < mebibytes; i++)
        {
            file.Write(member);
        }
    }

    [Fact]
    public void GzipBomb_OneGibibyteLine_IsRefusedAsTooLarge_WithMemoryBoundedByTheLimit()
    {
        var gz = Path.Combine(_dir, "p.csv.gz");
        WriteGzipBomb(gz, "slot,load\n0,", (byte)'1', 1024);
        Assert.True(new FileInfo(gz).Length < 16 * Mib, "the compressed bomb is small");
        var path = WriteScenario("""{ "csv": "p.csv.gz", "column": "load" }""");

        var before = GC.GetAllocatedBytesForCurrentThread();
        var r = ScenarioReader.Load(path);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        var e = Assert.Single(r.Errors);
        Assert.Equal(ValidationCodes.SizeLimit, e.Code);
        Assert.StartsWith("p.csv.gz", e.Path, StringComparison.Ordinal);
        // The text is 1 GiB; what is read of it is bounded by the 16 Mi-character record limit, not by the file.
        Assert.True(allocated < 160 * Mib, $"{allocated / Mib} MiB were allocated while reading a 1 GiB line.");
    }

    [Fact]
    public void GzipOverTheSizeLimit_IsRefusedAsTooLarge_Once()
    {
        // Short rows, so that the record limit is never reached: only the decompressed size is over the limit.
        var gz = Path.Combine(_dir, "p.csv.gz");
        using (var f = File.Create(gz))
        using (var z = new GZipStream(f, CompressionLevel.Fastest))
        using (var w = new StreamWriter(z))
        {
            w.Write("slot,load\n0,1\n1,1\n2,1\n3,1\n");
            for (var i = 0; i < 100_000; i++)
            {
                w.Write("\n");
            }
        }

        var options = new ScenarioReadOptions { MaxCsvBytes = 64 * 1024 };
        var r = ScenarioReader.Load(WriteScenario("""{ "csv": "p.csv.gz", "column": "load" }"""), options);

        var e = Assert.Single(r.Errors);
        Assert.Equal(("p.csv.gz", ValidationCodes.SizeLimit), (e.Path, e.Code));
        Assert.Contains("65536", e.Message, StringComparison.Ordinal);

        // Under the limit the same file is read: blank lines are skipped.
        var ok = ScenarioReader.Load(WriteScenario("""{ "csv": "p.csv.gz", "column": "load" }"""), new ScenarioReadOptions { MaxCsvBytes = 1024 * 1024 });
        Assert.True(ok.IsValid, string.Join("\n", ok.Errors));
    }

    [Fact]
    public void PlainCsvOverTheSizeLimit_GetsExactlyOneError_AndNoUnknownColumn()
    {
        // A 300 MiB file (sparse: its length is set, nothing is written) over the default 256 MiB limit.
        var csv = Path.Combine(_dir, "big.csv");
        using (var f = File.Create(csv))
        {
            f.SetLength(300 * Mib);
        }

        var r = ScenarioReader.Load(WriteScenario("""{ "csv": "big.csv", "column": "load" }"""));

        var e = Assert.Single(r.Errors);
        Assert.Equal(("big.csv", ValidationCodes.SizeLimit), (e.Path, e.Code));
    }

    [Fact]
    public void RecordLongerThanTheRecordLimit_IsTooLarge_ButAnOpenQuoteStaysMalformed()
    {
        var line = new string('1', Series.CsvDialect.MaxRecordChars + 10);
        File.WriteAllText(Path.Combine(_dir, "long.csv"), "slot,load\n0," + line + "\n");
        var r = ScenarioReader.Load(WriteScenario("""{ "csv": "long.csv", "column": "load" }"""));
        var e = Assert.Single(r.Errors);
        Assert.Equal(("long.csv:2", ValidationCodes.SizeLimit), (e.Path, e.Code));

        File.WriteAllText(Path.Combine(_dir, "quote.csv"), "slot,load\n0,\"" + line + "\n");
        r = ScenarioReader.Load(WriteScenario("""{ "csv": "quote.csv", "column": "load" }"""));
        e = Assert.Single(r.Errors);
        Assert.Equal(("quote.csv:2", ValidationCodes.FileMalformed), (e.Path, e.Code));
    }
}
