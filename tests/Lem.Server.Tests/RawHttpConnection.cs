using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Lem.Server.Tests;

/// <summary>
/// An HTTP/1.1 client on a bare TCP socket, so a test controls exactly what is sent when (a body dribbled byte by byte,
/// two requests on one connection) and sees exactly what the server answers (status, Connection header, whether it closes).
/// Responses are read with Content-Length or chunked framing.
/// </summary>
internal sealed class RawHttpConnection : IDisposable
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly List<byte> _pending = [];

    private RawHttpConnection(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
    }

    public static async Task<RawHttpConnection> ConnectAsync(string host, int port)
    {
        var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(host, port);
        return new RawHttpConnection(client);
    }

    /// <summary>The head of a request (request line and headers, ending with the blank line).</summary>
    public static string Head(string method, string path, IEnumerable<(string Name, string Value)> headers)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{method} {path} HTTP/1.1\r\nHost: localhost\r\n");
        foreach (var (name, value) in headers)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        }

        return sb.Append("\r\n").ToString();
    }

    public async Task SendAsync(byte[] bytes, CancellationToken cancellationToken = default)
    {
        await _stream.WriteAsync(bytes, cancellationToken);
        await _stream.FlushAsync(cancellationToken);
    }

    public Task SendAsync(string text, CancellationToken cancellationToken = default) => SendAsync(Encoding.ASCII.GetBytes(text), cancellationToken);

    /// <summary>Reads one whole response; throws when the connection ends first or <paramref name="timeout"/> passes.</summary>
    public async Task<RawHttpResponse> ReadResponseAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var headEnd = await FillUntil(() => IndexOf(_pending, "\r\n\r\n"u8.ToArray()), cts.Token);
        var head = Encoding.ASCII.GetString([.. _pending.GetRange(0, headEnd)]);
        _pending.RemoveRange(0, headEnd + 4);
        var lines = head.Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var name = line[..colon].Trim().ToLowerInvariant();
            var value = line[(colon + 1)..].Trim();
            headers[name] = headers.TryGetValue(name, out var earlier) ? earlier + ", " + value : value;
        }

        var body = new List<byte>();
        if (headers.TryGetValue("content-length", out var length))
        {
            var n = int.Parse(length, CultureInfo.InvariantCulture);
            await FillUntil(() => _pending.Count >= n ? n : -1, cts.Token);
            body.AddRange(_pending.GetRange(0, n));
            _pending.RemoveRange(0, n);
        }
        else if (headers.TryGetValue("transfer-encoding", out var te) && te.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            while (true)
            {
                var lineEnd = await FillUntil(() => IndexOf(_pending, "\r\n"u8.ToArray()), cts.Token);
                var size = int.Parse(Encoding.ASCII.GetString([.. _pending.GetRange(0, lineEnd)]).Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                _pending.RemoveRange(0, lineEnd + 2);
                await FillUntil(() => _pending.Count >= size + 2 ? size : -1, cts.Token);
                body.AddRange(_pending.GetRange(0, size));
                _pending.RemoveRange(0, size + 2);
                if (size == 0)
                {
                    break;
                }
            }
        }

        return new RawHttpResponse(status, headers, Encoding.UTF8.GetString([.. body]));
    }

    /// <summary>Whether the server closes the connection (end of stream or reset) within <paramref name="timeout"/>, with nothing more sent.</summary>
    public async Task<bool> ClosedByServerAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var n = await _stream.ReadAsync(buffer, cts.Token);
                if (n == 0)
                {
                    return true;
                }
            }
        }
        catch (IOException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        _stream.Dispose();
        _client.Dispose();
    }

    private async Task<int> FillUntil(Func<int> found, CancellationToken cancellationToken)
    {
        var buffer = new byte[8192];
        while (true)
        {
            var at = found();
            if (at >= 0)
            {
                return at;
            }

            var n = await _stream.ReadAsync(buffer, cancellationToken);
            if (n == 0)
            {
                throw new IOException("The server closed the connection before the whole response arrived.");
            }

            _pending.AddRange(buffer.AsSpan(0, n).ToArray());
        }
    }

    private static int IndexOf(List<byte> haystack, byte[] needle)
    {
        for (var i = 0; i + needle.Length <= haystack.Count; i++)
        {
            var match = true;
            for (var j = 0; j < needle.Length && match; j++)
            {
                match = haystack[i + j] == needle[j];
            }

            if (match)
            {
                return i;
            }
        }

        return -1;
    }
}
