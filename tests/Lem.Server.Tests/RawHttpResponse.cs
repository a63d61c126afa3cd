namespace Lem.Server.Tests;

/// <summary>One HTTP/1.1 response read off a raw socket: status, headers (names lower case) and body text.</summary>
internal sealed record RawHttpResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    /// <summary>Whether the response says <c>Connection: close</c>.</summary>
    public bool ConnectionClose => Headers.TryGetValue("connection", out var v) && v.Contains("close", StringComparison.OrdinalIgnoreCase);
}
