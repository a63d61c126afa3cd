using System.IO.Compression;
using Lem.Domain.Reading;

namespace Lem.Domain.Tests;

/// <summary>The size limit on input streams (docs/scenario-format.md#limits): exactly the limit is read, one byte more is refused.</summary>
public sealed class SizeLimitedStreamTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lem-sizelimit-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(1000, 1000, false)]
    [InlineData(1001, 1000, true)]
    [InlineData(0, 0, false)]
    [InlineData(1, 0, true)]
    public void ReadsUpToTheLimit_AndRefusesOneByteMore(int length, long limit, bool refused)
    {
        using var s = new SizeLimitedStream(new MemoryStream(new byte[length]), limit);
        var buffer = new byte[4096];
        if (refused)
        {
            var ex = Assert.Throws<InputTooLargeException>(() => s.ReadExactly(buffer, 0, length));
            Assert.Equal(limit, ex.LimitBytes);
            Assert.Equal(limit + 1, s.Position);
        }
        else
        {
            s.ReadExactly(buffer, 0, length);
            Assert.Equal(0, s.Read(buffer, 0, buffer.Length));
            Assert.Equal(length, s.Position);
        }
    }

    [Fact]
    public void GzipFile_IsMeasuredAfterDecompression()
    {
        // 1 MiB of zeros compresses to about a kilobyte: the file is far below the limit, its text far above.
        var path = Path.Combine(_dir, "zeros.csv.gz");
        using (var z = new GZipStream(File.Create(path), CompressionLevel.SmallestSize))
        {
            z.Write(new byte[1024 * 1024]);
        }

        Assert.True(new FileInfo(path).Length < 64 * 1024);
        using var reader = InputFiles.OpenText(path, 64 * 1024);
        Assert.Throws<InputTooLargeException>(() => reader.ReadToEnd());

        using var whole = InputFiles.OpenRead(path, 1024 * 1024);
        var total = 0L;
        var buffer = new byte[65536];
        int n;
        while ((n = whole.Read(buffer, 0, buffer.Length)) > 0)
        {
            total += n;
        }

        Assert.Equal(1024 * 1024, total);
    }
}
