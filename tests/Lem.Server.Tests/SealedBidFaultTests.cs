using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Lem.Ledger;
using Xunit.Abstractions;

namespace Lem.Server.Tests;

/// <summary>
/// kill -9 of the real <c>lem serve</c> inside a sealed-bid auction's reveal window, with the load generator trading in
/// another market: four participants commit six bids each before the gate closure (buyers at 55, sellers at 45 EUR/MWh,
/// commitments built here with <see cref="SealedBid.Commitment"/>), then reveal them one by one after it, and the server
/// is killed at a different point of the reveals in each cycle. After the restart every acknowledged commitment and
/// reveal is there, the participants reveal the rest (a repeated reveal gets its first answer), the slot clears at the
/// reveal deadline with the revealed bids only (one price between the limits, the shorter side's volume), nothing is left
/// open, the generator's market matches its answers and <c>lem ledger verify</c> passes.
/// </summary>
[Trait("Category", "Heavy")]
public sealed class SealedBidFaultTests(ITestOutputHelper output)
{
    private const string Market = "sb";
    private const int Clients = 4;
    private const int BidsPerClient = 6;
    private const int RevealWindowSeconds = 6;

    [Theory]
    [InlineData(0, 51)]
    [InlineData(1, 52)]
    [InlineData(2, 53)]
    [InlineData(3, 54)]
    [InlineData(4, 55)]
    public async Task Kill_9_inside_a_sealed_bid_reveal_window_under_load_loses_no_commitment_or_reveal_and_the_auction_clears_the_revealed_bids(int cycle, int seed)
    {
        using var store = FaultStore.Sqlite();
        var log = new FaultTests.FaultLog();
        var random = new Random(seed);
        var bids = Enumerable.Range(0, Clients).SelectMany(c => Enumerable.Range(0, BidsPerClient).Select(n => new Bid(
            $"s{c}", $"b{c}-{n}", c < 2 ? "buy" : "sell", c < 2 ? 55m : 45m, 1 + random.Next(10), RandomSalt(random)))).ToList();
        var committed = new ConcurrentDictionary<string, byte>();
        var revealed = new ConcurrentDictionary<string, JsonObject>();
        var keys = new Dictionary<string, string>();
        DateTimeOffset gateClosure;
        using (var server = await store.StartAsync(FaultTests.OperatorKey))
        {
            using var http = new HttpClient { BaseAddress = server.BaseAddress };
            for (var c = 0; c < Clients; c++)
            {
                var registered = await FaultTests.Send(http, HttpMethod.Post, "/v1/participants", FaultTests.OperatorKey, $$"""{"participant_id":"s{{c}}"}""");
                Assert.Equal(201, registered.Status);
                keys[$"s{c}"] = registered.Body!["api_key"]!.GetValue<string>();
            }

            using var generator = await GeneratorRun.StartAsync(http, server.BaseAddress, log, seed);

            // The slot's gate closes 3 s from now (a whole second, one minute before delivery); reveals are open for 6 s after.
            gateClosure = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 3);
            var created = await FaultTests.Send(http, HttpMethod.Post, "/v1/markets", FaultTests.OperatorKey,
                $$"""{"market_id":"{{Market}}","mechanism":"call_auction","sealed_bids":true,"reveal_window_seconds":{{RevealWindowSeconds}},"delivery_start":"{{Iso(gateClosure.AddMinutes(1))}}","slot_minutes":15,"slot_count":1,"gate_closure_lead_minutes":1,"tick_size_eur_per_mwh":1}""");
            Assert.True(created.Status == 201, created.Body?.ToJsonString());
            await Task.WhenAll(Enumerable.Range(0, Clients).Select(c => Task.Run(async () =>
            {
                using var client = new HttpClient { BaseAddress = server.BaseAddress };
                foreach (var b in bids.Where(b => b.Who == $"s{c}"))
                {
                    var r = await FaultTests.Send(client, HttpMethod.Post, $"/v1/markets/{Market}/commitments", keys[b.Who],
                        $$"""{"client_bid_id":"{{b.Id}}","slot":0,"commitment":"{{b.Commitment}}"}""");
                    Assert.True(r.Status == 201, $"{r.Status}: {r.Body}");
                    committed[b.Id] = 0;
                }
            })));
            Assert.True(DateTimeOffset.UtcNow < gateClosure, "the commitments took until the gate closure");
            await generator.WaitForAsync(FaultTests.GeneratorAcksBeforeKill);

            while (DateTimeOffset.UtcNow < gateClosure.AddMilliseconds(200))
            {
                await Task.Delay(5);
            }

            // Reveals, one at a time per participant with short pauses, killed after 0.2 to 1.4 s of them.
            var reveals = Enumerable.Range(0, Clients).Select(c => Task.Run(() => RevealAll(server.BaseAddress, bids.Where(b => b.Who == $"s{c}").ToList(), keys, seed * 10 + c, revealed))).ToArray();
            await Task.Delay(200 + (cycle * 300));
            generator.AssertRunning();
            server.KillHard();
            await Task.WhenAll(reveals);
            await generator.StoppedByKillAsync();
        }

        output.WriteLine($"cycle {cycle}: {revealed.Count} of {bids.Count} reveals acknowledged before the kill, {(DateTimeOffset.UtcNow - gateClosure).TotalSeconds:F1} s into the reveal window");
        Assert.Equal(bids.Count, committed.Count);
        var crashed = await store.VerifyLedgerAsync();
        Assert.True(crashed.ExitCode == 0, "lem ledger verify after the kill: " + crashed.Output);

        using (var server = await store.StartAsync(FaultTests.OperatorKey))
        {
            using var http = new HttpClient { BaseAddress = server.BaseAddress };

            // Every acknowledged commitment and reveal survived the kill.
            var before = await Commitments(http, keys);
            Assert.Equal(bids.Select(b => b.Id).Order(StringComparer.Ordinal), before.Keys.Order(StringComparer.Ordinal));
            foreach (var id in revealed.Keys)
            {
                Assert.Equal("revealed", before[id]["status"]!.GetValue<string>());
                Assert.Equal(revealed[id]["order"]!["order_number"]!.GetValue<long>(), before[id]["order_number"]!.GetValue<long>());
            }

            // The rest are revealed now when the window is still open (a reveal in flight at the kill may have been stored: it gets its first answer).
            var late = 0;
            foreach (var b in bids.Where(b => !revealed.ContainsKey(b.Id)))
            {
                var r = await Reveal(http, keys, b);
                if (DateTimeOffset.UtcNow >= gateClosure.AddSeconds(RevealWindowSeconds))
                {
                    break;
                }

                Assert.True(r.Status is 200 or 201, $"{r.Status}: {r.Body}");
                Assert.True(r.Status == 201 || before[b.Id]["status"]!.GetValue<string>() == "revealed", $"a repeated reveal of {b.Id}, which was not stored");
                late++;
            }

            output.WriteLine($"cycle {cycle}: {late} bids revealed after the restart");
            var slots = await WaitForClearing(http);
            var closure = Assert.Single(slots)!;
            await FaultTests.CheckGeneratorMarket(http, log);

            var after = await Commitments(http, keys);
            var open = bids.Where(b => after[b.Id]["status"]!.GetValue<string>() == "revealed").ToList();
            Assert.All(revealed.Keys, id => Assert.Contains(open, b => b.Id == id));
            Assert.All(bids.Except(open), b => Assert.Equal("dropped", after[b.Id]["status"]!.GetValue<string>()));
            var buyKwh = open.Where(b => b.Side == "buy").Sum(b => b.QuantityKwh);
            var sellKwh = open.Where(b => b.Side == "sell").Sum(b => b.QuantityKwh);
            Assert.Equal(Math.Min(buyKwh, sellKwh), closure["volume_kwh"]!.GetValue<decimal>());
            if (buyKwh > 0 && sellKwh > 0)
            {
                Assert.InRange(closure["price_eur_per_mwh"]!.GetValue<decimal>(), 45m, 55m);
            }

            var traded = 0m;
            foreach (var (who, key) in keys)
            {
                foreach (var o in (await FaultTests.Send(http, HttpMethod.Get, "/v1/orders", key)).Body!["orders"]!.AsArray())
                {
                    Assert.Contains(open, b => b.Id == o!["client_order_id"]!.GetValue<string>() && b.Who == who);
                    Assert.NotEqual("open", o!["status"]!.GetValue<string>());
                }

                foreach (var t in (await FaultTests.Send(http, HttpMethod.Get, "/v1/trades", key)).Body!["trades"]!.AsArray())
                {
                    Assert.Equal(closure["price_eur_per_mwh"]!.GetValue<decimal>(), t!["price_eur_per_mwh"]!.GetValue<decimal>());
                    traded += t["buyer"]!.GetValue<string>() == who ? t["quantity_kwh"]!.GetValue<decimal>() : 0m;
                }
            }

            Assert.Equal(Math.Min(buyKwh, sellKwh), traded);
            server.KillHard();
        }

        var final = await store.VerifyLedgerAsync();
        Assert.True(final.ExitCode == 0, "lem ledger verify after the restart: " + final.Output);
    }

    private static async Task RevealAll(Uri baseAddress, List<Bid> bids, Dictionary<string, string> keys, int seed, ConcurrentDictionary<string, JsonObject> revealed)
    {
        var random = new Random(seed);
        using var http = new HttpClient { BaseAddress = baseAddress };
        foreach (var b in bids)
        {
            (int Status, JsonNode? Body) r;
            try
            {
                r = await Reveal(http, keys, b);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
            {
                return; // in flight at the kill
            }

            Assert.True(r.Status == 201, $"{r.Status}: {r.Body}");
            revealed[b.Id] = r.Body!.AsObject();
            await Task.Delay(100 + random.Next(150));
        }
    }

    private static Task<(int Status, JsonNode? Body)> Reveal(HttpClient http, Dictionary<string, string> keys, Bid b) =>
        FaultTests.Send(http, HttpMethod.Post, $"/v1/markets/{Market}/reveals", keys[b.Who],
            $$"""{"client_bid_id":"{{b.Id}}","side":"{{b.Side}}","price_eur_per_mwh":{{b.PriceEurPerMwh}},"quantity_kwh":{{b.QuantityKwh}},"salt_hex":"{{Convert.ToHexStringLower(b.Salt)}}"}""");

    private static async Task<Dictionary<string, JsonObject>> Commitments(HttpClient http, Dictionary<string, string> keys)
    {
        var all = new Dictionary<string, JsonObject>();
        foreach (var key in keys.Values)
        {
            foreach (var c in (await FaultTests.Send(http, HttpMethod.Get, "/v1/commitments", key)).Body!["commitments"]!.AsArray())
            {
                all.Add(c!["client_bid_id"]!.GetValue<string>(), c.AsObject());
            }
        }

        return all;
    }

    /// <summary>Waits (up to 30 s after the reveal deadline) until the slot is cleared and returns the published slots.</summary>
    private static async Task<JsonArray> WaitForClearing(HttpClient http)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(RevealWindowSeconds + 30);
        while (true)
        {
            var slots = (await FaultTests.Send(http, HttpMethod.Get, $"/v1/markets/{Market}/prices", null)).Body!["slots"]!.AsArray();
            if (slots.Count > 0)
            {
                return slots;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, "the sealed auction did not clear after its reveal deadline");
            await Task.Delay(100);
        }
    }

    private static byte[] RandomSalt(Random random)
    {
        var salt = new byte[32];
        random.NextBytes(salt);
        return salt;
    }

    private static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private sealed record Bid(string Who, string Id, string Side, decimal PriceEurPerMwh, decimal QuantityKwh, byte[] Salt)
    {
        public string Commitment => SealedBid.Commitment(new JsonObject { ["side"] = Side, ["price_eur_per_mwh"] = PriceEurPerMwh, ["quantity_kwh"] = QuantityKwh }, Salt);
    }
}
