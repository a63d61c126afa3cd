using System.Diagnostics;

namespace Lem.Server.Tests;

/// <summary>
/// The rate limit keys on who the caller is, not on the bytes of its Authorization header: a key that authenticates counts
/// against its participant however the header is spaced, and a header that does not authenticate counts against the
/// client's IP whatever token it carries (issue 13, holes 3 and 6). A 429 says when to retry, and that is when a retry works.
/// </summary>
public sealed class RateLimitIdentityTests
{
    private const int Burst = 10;

    /// <summary>
    /// The most requests a token bucket of <see cref="Burst"/> refilled with one token per second can let through in
    /// <paramref name="elapsed"/>: the burst plus one token per started second (plus one for a refill at either end).
    /// </summary>
    private static int MostAdmitted(TimeSpan elapsed) => Burst + (int)Math.Ceiling(elapsed.TotalSeconds) + 1;

    [Fact]
    public async Task Varying_the_spacing_and_case_after_Bearer_does_not_buy_a_new_bucket()
    {
        await using var t = await LimitsTestServer.StartAsync(burst: Burst, perSecond: 1);
        var alice = await t.Register("alice");
        var statuses = new List<(int Status, int? RetryAfter, string Header)>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 80; i++)
        {
            // 8 spacings (spaces and tabs) x 3 spellings of the scheme = 24 different headers for one key.
            var gap = (i % 8) switch
            {
                0 => " ",
                1 => "  ",
                2 => "   ",
                3 => " \t",
                4 => "\t ",
                5 => "    ",
                6 => "      ",
                _ => "  \t  ",
            };
            var scheme = (i / 8 % 3) switch { 0 => "Bearer", 1 => "bearer", _ => "BEARER" };
            var header = scheme + gap + alice;
            var (status, retry) = await t.GetRaw("/v1/orders", header);
            statuses.Add((status, retry, header));
        }

        clock.Stop();
        var most = MostAdmitted(clock.Elapsed);

        // "Bearer <key>" with any spacing authenticates as alice and counts against alice's one bucket.
        var admittedAsAlice = statuses.Count(s => s.Status == 200);
        Assert.InRange(admittedAsAlice, 1, most);

        // The other spellings of the scheme do not authenticate (401) and count against the client's IP: one more bucket, not 16.
        var admittedAsIp = statuses.Count(s => s.Status == 401);
        Assert.InRange(admittedAsIp, 1, most);

        var limited = statuses.Where(s => s.Status == 429).ToList();
        Assert.Equal(statuses.Count, admittedAsAlice + admittedAsIp + limited.Count);
        Assert.True(limited.Count >= statuses.Count - (2 * most), $"{limited.Count} of {statuses.Count} requests were limited");
        Assert.All(limited, l => Assert.InRange(l.RetryAfter ?? 0, 1, Burst));

        // Another identity from the same address has its own bucket.
        Assert.Equal(200, (await t.GetRaw("/v1/markets", "Bearer " + LimitsTestServer.OperatorKey)).Status);

        // Retry-After is honest: after waiting it, alice is let through again, with yet another spacing.
        var last = await t.GetRaw("/v1/orders", "Bearer " + alice);
        if (last.Status == 429)
        {
            await Task.Delay(TimeSpan.FromSeconds(last.RetryAfterSeconds!.Value) + TimeSpan.FromMilliseconds(200));
        }

        Assert.Equal(200, (await t.GetRaw("/v1/orders", "Bearer         " + alice)).Status);
    }

    [Fact]
    public async Task Junk_tokens_from_one_address_share_that_address_bucket()
    {
        await using var t = await LimitsTestServer.StartAsync(burst: Burst, perSecond: 1);
        var alice = await t.Register("alice");
        var statuses = new List<(int Status, int? RetryAfter)>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 60; i++)
        {
            statuses.Add(await t.GetRaw("/v1/orders", $"Bearer junk-{Guid.NewGuid():N}"));
        }

        clock.Stop();
        var unauthorized = statuses.Count(s => s.Status == 401);
        var limited = statuses.Where(s => s.Status == 429).ToList();
        Assert.Equal(statuses.Count, unauthorized + limited.Count);
        Assert.InRange(unauthorized, 1, MostAdmitted(clock.Elapsed));
        Assert.All(limited, l => Assert.InRange(l.RetryAfter ?? 0, 1, Burst));

        // A caller without any header from the same address is in the same bucket; alice, authenticated, is not.
        var anonymous = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            anonymous.Add((await t.GetRaw("/v1/markets", null)).Status);
        }

        Assert.Contains(429, anonymous);
        Assert.Equal(200, (await t.GetRaw("/v1/orders", "Bearer " + alice)).Status);
    }
}
