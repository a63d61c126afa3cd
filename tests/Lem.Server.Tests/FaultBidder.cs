using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Lem.Server.Tests;

/// <summary>A client of the fault tests that submits orders into one market until its gate closes or the server dies.</summary>
internal static class FaultBidder
{
    /// <summary>The most orders one bidder submits, below the server's default limit of open orders per participant and slot.</summary>
    public const int MaxOrders = 250;

    /// <summary>
    /// Posts the orders <paramref name="order"/> makes (from the order's client id and a seeded random) to
    /// <paramref name="market"/> one after the other, pausing up to <paramref name="maxPauseMs"/> between them, until the
    /// gate closes (409) or the server dies (the order in flight is recorded in <paramref name="inFlight"/>); every
    /// acknowledged order is recorded in <paramref name="acked"/>. A bidder stops after <see cref="MaxOrders"/> orders:
    /// orders do not fill before an auction's or a pool's gate closure, and on a fast machine a bidder could otherwise
    /// reach the server's 256 open orders per participant and slot before the gate closes (a 422, not what is tested).
    /// </summary>
    public static async Task UntilClosed(Uri baseAddress, string market, string participant, string key, string idPrefix, int seed, int maxPauseMs,
        Func<string, Random, string> order, ConcurrentDictionary<(string, string), JsonObject> acked, ConcurrentDictionary<(string, string), byte> inFlight)
    {
        var random = new Random(seed);
        using var http = new HttpClient { BaseAddress = baseAddress };
        for (var n = 0; n < MaxOrders; n++)
        {
            var id = $"{idPrefix}-{n}";
            (int Status, JsonNode? Body) answer;
            try
            {
                answer = await FaultTests.Send(http, HttpMethod.Post, $"/v1/markets/{market}/orders", key, order(id, random));
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
            {
                inFlight[(participant, id)] = 0;
                return;
            }

            if (answer.Status == 409)
            {
                return; // the gate closed
            }

            Assert.True(answer.Status == 201, $"{answer.Status}: {answer.Body}");
            acked[(participant, id)] = answer.Body!.AsObject();
            await Task.Delay(random.Next(maxPauseMs));
        }
    }
}
