using System.IO.Compression;
using System.Text;
using Lem.Domain.Validation;

namespace Lem.Domain.Reading;

/// <summary>
/// Opens input files for reading under a size limit (docs/scenario-format.md#limits): a name ending in <c>.gz</c> is
/// decompressed, and the bytes read (after decompression) are counted, so that reading stops with
/// <see cref="InputTooLargeException"/> once the limit is passed — the memory a reader needs is bounded by the limit,
/// not by the file.
/// </summary>
public static class InputFiles
{
    /// <summary>Whether a file name says the file is gzip-compressed (it ends in <c>.gz</c>).</summary>
    public static bool IsGzip(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Opens a file for reading, decompressing a <c>.gz</c> file; reading more than <paramref name="maxBytes"/>
    /// (decompressed) bytes throws <see cref="InputTooLargeException"/>.
    /// </summary>
    public static Stream OpenRead(string path, long maxBytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Stream file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        try
        {
            Stream data = IsGzip(path) ? new GZipStream(file, CompressionMode.Decompress) : file;
            return new SizeLimitedStream(data, maxBytes);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Opens a file as UTF-8 text (a byte order mark is honoured) under a limit in bytes; see <see cref="OpenRead"/>.</summary>
    public static StreamReader OpenText(string path, long maxBytes) =>
        new(OpenRead(path, maxBytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);

    /// <summary>
    /// The one problem reported for a file refused for its size: <c>size.too_large</c> at <paramref name="display"/>,
    /// naming the limit (bytes after decompression).
    /// </summary>
    public static ValidationError TooLarge(string display, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(display);
        return new ValidationError(display, ValidationCodes.SizeLimit, $"The file '{display}' is larger than {maxBytes} bytes{(IsGzip(display) ? " when decompressed" : string.Empty)}, the limit; it is not read.");
    }
}
