using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace Lem.Server.Tests;

/// <summary>
/// Requests that misbehave at the transport level get the 4xx they deserve and leave the client's connection usable or
/// closed cleanly (issue 13, holes 5 and 7): a body sent too slowly gets 408, a body over the size limit gets 413 with
/// <c>Connection: close</c> or a connection that still answers the next request.
/// </summary>
public sealed class RequestHygieneTests
{
    [Fact]
    public async Task A_body_dribbled_below_the_minimum_rate_gets_408_as_a_problem()
    {
        await using var t = await LimitsTestServer.StartAsync(minBodyBytesPerSecond: 100, bodyGraceSeconds: 2);
        using var connection = await RawHttpConnection.ConnectAsync(t.Host, t.Port);
        var body = Encoding.ASCII.GetBytes("{\"participant_id\":\"slow\"," + new string(' ', 400) + "\"role\":\"participant\"}");
        await connection.SendAsync(RawHttpConnection.Head("POST", "/v1/participants",
        [
            ("Authorization", "Bearer " + LimitsTestServer.OperatorKey), ("Content-Type", "application/json"), ("Content-Length", body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ]));

        // 4 bytes per second against a minimum of 100: the whole body would take about 2 minutes.
        using var stopDribbling = new CancellationTokenSource();
        var dribble = Task.Run(async () =>
        {
            try
            {
                for (var i = 0; i < body.Length && !stopDribbling.IsCancellationRequested; i++)
                {
                    await connection.SendAsync(body.AsMemory(i, 1).ToArray(), stopDribbling.Token);
                    await Task.Delay(250, stopDribbling.Token);
                }
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException)
            {
                // The server gave up on the body (what the test expects) or the test is over.
            }
        });

        var clock = Stopwatch.StartNew();
        var response = await connection.ReadResponseAsync(TimeSpan.FromSeconds(30));
        clock.Stop();
        await stopDribbling.CancelAsync();
        await dribble;

        Assert.Equal(408, response.Status);
        Assert.StartsWith("application/problem+json", response.Headers["content-type"], StringComparison.Ordinal);
        Assert.Equal(408, JsonNode.Parse(response.Body)!["status"]!.GetValue<int>());
        Assert.True(response.ConnectionClose);
        Assert.True(await connection.ClosedByServerAsync(TimeSpan.FromSeconds(10)));

        // Grace period 2 s, checked once a second: well under the 30 s a stalled server would take.
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));

        // The half-sent participant was not registered, and the server is fine.
        using var list = new HttpRequestMessage(HttpMethod.Get, "/v1/health");
        using var health = await t.Http.SendAsync(list);
        Assert.Equal(200, (int)health.StatusCode);
        Assert.Equal(401, (await t.GetRaw("/v1/orders", "Bearer nothing")).Status);
    }

    [Fact]
    public async Task A_100_KB_body_gets_413_and_the_keep_alive_connection_is_closed_cleanly_or_still_answers()
    {
        await using var t = await LimitsTestServer.StartAsync();
        (string Path, string? Key)[] cases =
        [
            ("/v1/participants", LimitsTestServer.OperatorKey), // an endpoint that reads bodies, with a valid key
            ("/v1/participants", "junk"), // refused by authentication before the body is read
            ("/v1/markets/m/orders", null), // refused by authorization (no key) before the body is read
            ("/v1/no-such-endpoint", null), // no endpoint reads it
        ];
        foreach (var (path, key) in cases)
        {
            await OversizedBodyOnKeepAlive(t, path, key);
        }
    }

    [Fact]
    public async Task A_malformed_chunked_body_gets_400_as_a_problem_and_a_closed_connection()
    {
        await using var t = await LimitsTestServer.StartAsync();
        using var connection = await RawHttpConnection.ConnectAsync(t.Host, t.Port);
        await connection.SendAsync(RawHttpConnection.Head("POST", "/v1/participants",
            [("Authorization", "Bearer " + LimitsTestServer.OperatorKey), ("Content-Type", "application/json"), ("Transfer-Encoding", "chunked")]));
        await connection.SendAsync("5\r\n{\"par\r\nzz\r\nnot a chunk\r\n0\r\n\r\n");
        var response = await connection.ReadResponseAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(400, response.Status);
        Assert.StartsWith("application/problem+json", response.Headers["content-type"], StringComparison.Ordinal);
        Assert.Equal(400, JsonNode.Parse(response.Body)!["status"]!.GetValue<int>());
        Assert.True(response.ConnectionClose);
        Assert.True(await connection.ClosedByServerAsync(TimeSpan.FromSeconds(10)));
        using var health = await t.Http.GetAsync(new Uri("/v1/health", UriKind.Relative));
        Assert.Equal(200, (int)health.StatusCode);
    }

    private static async Task OversizedBodyOnKeepAlive(LimitsTestServer t, string path, string? key)
    {
        var huge = Encoding.ASCII.GetBytes("{\"participant_id\":\"" + new string('a', 100 * 1024) + "\"}");
        var auth = key is null ? [] : new[] { ("Authorization", "Bearer " + key) };
        using (var connection = await RawHttpConnection.ConnectAsync(t.Host, t.Port))
        {
            await connection.SendAsync(RawHttpConnection.Head("POST", path,
                [.. auth, ("Content-Type", "application/json"), ("Content-Length", huge.Length.ToString(System.Globalization.CultureInfo.InvariantCulture))]));
            await connection.SendAsync(huge);
            var refused = await connection.ReadResponseAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(413, refused.Status);
            Assert.StartsWith("application/problem+json", refused.Headers["content-type"], StringComparison.Ordinal);
            Assert.Equal(413, JsonNode.Parse(refused.Body)!["status"]!.GetValue<int>());
            await AssertClosedOrStillAnswering(connection, refused);
        }

        // The same body sent chunked (no declared size): whatever the refusal, the connection is closed cleanly or answers.
        using (var connection = await RawHttpConnection.ConnectAsync(t.Host, t.Port))
        {
            await connection.SendAsync(RawHttpConnection.Head("POST", path, [.. auth, ("Content-Type", "application/json"), ("Transfer-Encoding", "chunked")]));
            await connection.SendAsync(Chunked(huge));
            var refused = await connection.ReadResponseAsync(TimeSpan.FromSeconds(10));
            Assert.InRange(refused.Status, 400, 499);
            await AssertClosedOrStillAnswering(connection, refused);
        }

        // A normal HttpClient on one connection: 413, then the next request succeeds, three times over.
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 1 };
        using var http = new HttpClient(handler) { BaseAddress = t.Http.BaseAddress };
        for (var round = 0; round < 3; round++)
        {
            using var post = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(huge) };
            post.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            if (key is not null)
            {
                post.Headers.TryAddWithoutValidation("Authorization", "Bearer " + key);
            }

            using var tooLarge = await http.SendAsync(post);
            Assert.Equal(413, (int)tooLarge.StatusCode);
            using var next = await http.GetAsync(new Uri("/v1/health", UriKind.Relative));
            Assert.Equal(200, (int)next.StatusCode);
        }
    }

    private static async Task AssertClosedOrStillAnswering(RawHttpConnection connection, RawHttpResponse refused)
    {
        if (refused.ConnectionClose)
        {
            // Said so, and did so: the client knows not to reuse the connection.
            Assert.True(await connection.ClosedByServerAsync(TimeSpan.FromSeconds(10)));
        }
        else
        {
            // Kept open: then it must answer the next request on it.
            await connection.SendAsync(RawHttpConnection.Head("GET", "/v1/health", []));
            Assert.Equal(200, (await connection.ReadResponseAsync(TimeSpan.FromSeconds(10))).Status);
        }
    }

    private static byte[] Chunked(byte[] body)
    {
        using var chunked = new MemoryStream();
        for (var i = 0; i < body.Length; i += 8192)
        {
            var n = Math.Min(8192, body.Length - i);
            chunked.Write(Encoding.ASCII.GetBytes(n.ToString("x", System.Globalization.CultureInfo.InvariantCulture) + "\r\n"));
            chunked.Write(body, i, n);
            chunked.Write("\r\n"u8);
        }

        chunked.Write("0\r\n\r\n"u8);
        return chunked.ToArray();
    }
}
