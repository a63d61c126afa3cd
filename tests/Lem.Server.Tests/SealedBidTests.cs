using System.Text.Json.Nodes;
using Lem.Domain.Ids;
using Lem.Domain.Orders;
using Lem.Ledger;
using Lem.Markets.Auctions;
using Lem.Server.Store;
using Microsoft.Extensions.Time.Testing;
using NodaTime;

namespace Lem.Server.Tests;

public sealed class SealedBidTests
{
    // Delivery starts at 12:00 with a 60-minute lead: slot 0's gate closes at 11:00, its reveal window (600 s) ends at 11:10.
    private static readonly DateTimeOffset GateClosure0 = new(2026, 3, 1, 11, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset RevealDeadline0 = GateClosure0.AddSeconds(600);

    private sealed record Bid(string Who, string Id, string Side, decimal PriceEurPerMwh, decimal QuantityKwh, byte Seed)
    {
        public byte[] Salt => Enumerable.Range(0, 32).Select(i => (byte)((i * 37) + Seed)).ToArray();

        public string SaltHex => Convert.ToHexStringLower(Salt);

        // Built independently of the server (other member order; canonical JSON sorts them).
        public JsonObject Json => new() { ["quantity_kwh"] = QuantityKwh, ["side"] = Side, ["price_eur_per_mwh"] = PriceEurPerMwh };

        public string Commitment => SealedBid.Commitment(Json, Salt);
    }

    private static readonly Bid[] Bids =
    [
        new("alice", "a1", "sell", 40m, 30m, 1),
        new("carol", "c1", "sell", 55m, 20m, 2),
        new("bob", "b1", "buy", 60m, 25m, 3),
        new("dave", "d1", "buy", 50m, 20m, 4),
        new("erin", "e1", "buy", 70m, 40m, 5), // never revealed
    ];

    [Fact]
    public async Task A_sealed_auction_clears_the_revealed_bids_like_a_direct_uniform_price_auction_and_drops_the_unrevealed()
    {
        await using var t = await TestServer.StartAsync();
        await CreateSealed(t, "sb");
        var keys = await RegisterAll(t);
        foreach (var b in Bids)
        {
            var r = await Commit(t, keys[b.Who], b);
            Assert.Equal(201, r.Status);
            Assert.Equal("committed", r.Body!["status"]!.GetValue<string>());
        }

        // Before closure the public sees the number of commitments and nothing else.
        var pub = await t.Get("/v1/markets/sb/commitments");
        Assert.Equal(200, pub.Status);
        var slot0 = pub.Body!["slots"]![0]!.AsObject();
        Assert.Equal(5, slot0["commitment_count"]!.GetValue<int>());
        Assert.Equal(["cleared", "commitment_count", "gate_closure", "reveal_deadline", "slot"], slot0.Select(kv => kv.Key).Order(StringComparer.Ordinal));
        var text = pub.Body!.ToJsonString();
        Assert.All(Bids, b => Assert.DoesNotContain(b.Commitment, text, StringComparison.Ordinal));
        Assert.All(Bids, b => Assert.DoesNotContain(b.Who, text, StringComparison.Ordinal));
        Assert.Empty((await t.Get("/v1/orders", keys["alice"])).Body!["orders"]!.AsArray());

        // Reveals open at gate closure; the slot does not clear before the reveal deadline.
        Assert.Equal(409, (await Reveal(t, keys["alice"], Bids[0])).Status);
        t.Clock.SetUtcNow(GateClosure0.AddSeconds(30));
        await t.Server.RunDueGateClosuresAsync();
        Assert.Empty((await t.Get("/v1/markets/sb/prices")).Body!["slots"]!.AsArray());
        Assert.Equal(409, (await Commit(t, keys["erin"], Bids[4] with { Id = "late" })).Status);
        foreach (var b in Bids[..4])
        {
            var r = await Reveal(t, keys[b.Who], b);
            Assert.Equal(201, r.Status);
            Assert.Equal("open", r.Body!["order"]!["status"]!.GetValue<string>());
        }

        t.Clock.SetUtcNow(RevealDeadline0);
        await t.Server.RunDueGateClosuresAsync();
        var prices = (await t.Get("/v1/markets/sb/prices")).Body!["slots"]!.AsArray();
        var closed = Assert.Single(prices)!;

        var reference = DirectAuction(Bids[..4]);
        var referenceSlot = Assert.Single(reference.Slots);
        Assert.Equal(Math.Round((decimal)referenceSlot.ClearingPriceEurPerMwh!.Value, 6), closed["price_eur_per_mwh"]!.GetValue<decimal>());
        Assert.Equal(Math.Round((decimal)reference.TradedVolumeKwh, 3), closed["volume_kwh"]!.GetValue<decimal>());
        // By hand: bob's 25 and 5 of dave's 20 kWh meet alice's 30 kWh at 40; carol at 55 is above dave's 50.
        Assert.Equal(30m, closed["volume_kwh"]!.GetValue<decimal>());
        // Erin's bid would have moved the result: dropping it matters.
        Assert.NotEqual(reference.TradedVolumeKwh, DirectAuction(Bids).TradedVolumeKwh);

        var summary = closed["sealed_bids"]!;
        Assert.Equal(5, summary["commitment_count"]!.GetValue<int>());
        Assert.Equal(4, summary["revealed_count"]!.GetValue<int>());
        Assert.Equal(1, summary["dropped_count"]!.GetValue<int>());
        Assert.Equal(Bids[4].Commitment, summary["dropped_commitments"]![0]!.GetValue<string>());
        var erin = (await t.Get("/v1/commitments", keys["erin"])).Body!["commitments"]!.AsArray();
        Assert.Equal("dropped", Assert.Single(erin)!["status"]!.GetValue<string>());
        Assert.Empty((await t.Get("/v1/trades", keys["erin"])).Body!["trades"]!.AsArray());
        var after = (await t.Get("/v1/markets/sb/commitments")).Body!["slots"]![0]!;
        Assert.Equal(1, after["dropped_count"]!.GetValue<int>());

        // Each participant's traded volume equals the reference auction's.
        foreach (var who in new[] { "alice", "bob", "carol", "dave" })
        {
            var served = (await t.Get("/v1/trades", keys[who])).Body!["trades"]!.AsArray().Sum(x => x!["quantity_kwh"]!.GetValue<decimal>());
            var owner = Bids.ToDictionary(b => b.Id, b => b.Who, StringComparer.Ordinal);
            var expected = reference.Trades.Where(x => owner[x.BuyOrder.Value] == who || owner[x.SellOrder.Value] == who).Sum(x => (decimal)x.QuantityKwh);
            Assert.Equal(Math.Round(expected, 3), served);
        }

        // A reveal after the deadline is refused.
        Assert.Equal(409, (await Reveal(t, keys["erin"], Bids[4])).Status);
    }

    [Fact]
    public async Task A_reveal_that_does_not_open_its_commitment_is_refused_and_not_stored()
    {
        await using var t = await TestServer.StartAsync();
        await CreateSealed(t, "sb");
        var alice = await t.Register("alice");
        var bid = Bids[0];
        Assert.Equal(201, (await Commit(t, alice, bid)).Status);
        t.Clock.SetUtcNow(GateClosure0.AddSeconds(1));
        var commands = await CommandCount(t);

        var wrongSalt = await Reveal(t, alice, bid, saltHex: Convert.ToHexStringLower(new byte[32]));
        Assert.Equal(409, wrongSalt.Status);
        Assert.Contains("salt_hex", wrongSalt.Body!["errors"]!.AsObject().Select(kv => kv.Key));
        Assert.Equal(409, (await Reveal(t, alice, bid with { PriceEurPerMwh = 41m })).Status);
        Assert.Equal(409, (await Reveal(t, alice, bid with { Side = "buy" })).Status);
        Assert.Equal(404, (await Reveal(t, alice, bid with { Id = "nope" })).Status);
        var shortSalt = await Reveal(t, alice, bid, saltHex: "abcd");
        Assert.Equal(400, shortSalt.Status);
        Assert.Contains("salt_hex", shortSalt.Body!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(commands, await CommandCount(t));
        Assert.Equal("committed", (await t.Get("/v1/commitments", alice)).Body!["commitments"]![0]!["status"]!.GetValue<string>());

        var good = await Reveal(t, alice, bid);
        Assert.Equal(201, good.Status);
        Assert.Equal(commands + 1, await CommandCount(t));
        var retry = await Reveal(t, alice, bid);
        Assert.Equal(200, retry.Status);
        Assert.Equal(good.Body!.ToJsonString(), retry.Body!.ToJsonString());
        Assert.Equal(409, (await Reveal(t, alice, bid, saltHex: Convert.ToHexStringLower(new byte[32]))).Status);
        Assert.Equal(commands + 1, await CommandCount(t));
        Assert.Equal(40m, (await t.Get("/v1/orders/a1", alice)).Body!["price_eur_per_mwh"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Plain_orders_are_refused_on_sealed_markets_and_commitments_on_plain_ones()
    {
        await using var t = await TestServer.StartAsync();
        await CreateSealed(t, "sb");
        await t.CreateMarket("auc", "call_auction");
        var alice = await t.Register("alice");
        var plain = await t.Order("sb", alice, "o1", "sell", 40m, 10m);
        Assert.Equal(409, plain.Status);
        Assert.Contains("market_id", plain.Body!["errors"]!.AsObject().Select(kv => kv.Key));
        Assert.Empty((await t.Get("/v1/orders", alice)).Body!["orders"]!.AsArray());
        Assert.Equal(409, (await Commit(t, alice, Bids[0], market: "auc")).Status);
        Assert.Equal(400, (await Commit(t, alice, Bids[0], commitment: "xyz")).Status);

        // A commitment's id cannot be taken by a plain order elsewhere, and a retry with other fields is refused.
        Assert.Equal(201, (await Commit(t, alice, Bids[0])).Status);
        Assert.Equal(201, (await Commit(t, alice, Bids[0])).Status);
        Assert.Equal(409, (await Commit(t, alice, Bids[0] with { Seed = 9 })).Status);
        Assert.Equal(409, (await t.Order("auc", alice, Bids[0].Id, "sell", 40m, 10m)).Status);

        var continuous = await t.Post("/v1/markets", TestServer.OperatorKey, MarketBody("c", "continuous", 600));
        Assert.Equal(400, continuous.Status);
        Assert.Contains("sealed_bids", continuous.Body!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var tooLong = await t.Post("/v1/markets", TestServer.OperatorKey, MarketBody("l", "call_auction", 3601));
        Assert.Equal(400, tooLong.Status);
        Assert.Contains("reveal_window_seconds", tooLong.Body!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var market = (await t.Get("/v1/markets/sb")).Body!;
        Assert.True(market["sealed_bids"]!.GetValue<bool>());
        Assert.Equal(600, market["reveal_window_seconds"]!.GetValue<int>());
        Assert.Null((await t.Get("/v1/markets/auc")).Body!["sealed_bids"]);
    }

    [Fact]
    public async Task A_restart_between_commit_and_reveal_completes_the_auction_identically()
    {
        var straight = await RunScenario(restart: false);
        var restarted = await RunScenario(restart: true);
        Assert.Equal(straight, restarted);
        Assert.Contains("\"trade_id\"", straight, StringComparison.Ordinal);
        Assert.Contains("\"dropped\"", straight, StringComparison.Ordinal);
    }

    private static async Task<string> RunScenario(bool restart)
    {
        var dir = Path.Combine(Path.GetTempPath(), "lem-server-tests", Guid.NewGuid().ToString("N"));
        var clock = new FakeTimeProvider(TestServer.Start);
        try
        {
            Dictionary<string, string> keys;
            var t = await TestServer.StartAsync(dir, clock);
            try
            {
                await CreateSealed(t, "sb");
                keys = await RegisterAll(t);
                foreach (var b in Bids)
                {
                    clock.Advance(TimeSpan.FromSeconds(3));
                    Assert.Equal(201, (await Commit(t, keys[b.Who], b)).Status);
                }

                if (restart)
                {
                    await t.StopAsync();
                    t = await TestServer.StartAsync(dir, clock);
                    Assert.Equal(5, (await t.Get("/v1/markets/sb/commitments")).Body!["slots"]![0]!["commitment_count"]!.GetValue<int>());
                }

                clock.SetUtcNow(GateClosure0.AddSeconds(5));
                foreach (var b in Bids[..2])
                {
                    clock.Advance(TimeSpan.FromSeconds(2));
                    Assert.Equal(201, (await Reveal(t, keys[b.Who], b)).Status);
                }

                if (restart)
                {
                    await t.StopAsync();
                    t = await TestServer.StartAsync(dir, clock);
                    // The revealed bid is not revealed twice after the replay.
                    Assert.Equal(200, (await Reveal(t, keys["alice"], Bids[0])).Status);
                }

                foreach (var b in Bids[2..4])
                {
                    clock.Advance(TimeSpan.FromSeconds(2));
                    Assert.Equal(201, (await Reveal(t, keys[b.Who], b)).Status);
                }

                clock.SetUtcNow(RevealDeadline0);
                await t.Server.RunDueGateClosuresAsync();
                var all = new JsonObject { ["prices"] = (await t.Get("/v1/markets/sb/prices")).Body!.DeepClone() };
                foreach (var who in keys.Keys.Order(StringComparer.Ordinal))
                {
                    all[$"orders_{who}"] = (await t.Get("/v1/orders", keys[who])).Body!.DeepClone();
                    all[$"trades_{who}"] = (await t.Get("/v1/trades", keys[who])).Body!.DeepClone();
                    all[$"commitments_{who}"] = (await t.Get("/v1/commitments", keys[who])).Body!.DeepClone();
                }

                all["public"] = (await t.Get("/v1/markets/sb/commitments")).Body!.DeepClone();
                all["commands"] = await CommandCount(t);
                await t.StopAsync();

                using var db = DataFolder.OpenDatabaseReadOnly(dir);
                var entries = LedgerTable.ReadAll(db).ToList();
                var verification = LedgerVerifier.Verify(entries, ServerKeyFile.Load(dir).PublicKey);
                Assert.True(verification.Ok, verification.Reason);
                var kinds = entries.SelectMany(e => JsonNode.Parse(e.PayloadJson)!["records"]!.AsArray()).Select(r => r!["kind"]!.GetValue<string>()).ToList();
                Assert.Equal(5, kinds.Count(k => k == "command.commit_sealed_bid"));
                Assert.Equal(4, kinds.Count(k => k == "command.reveal_sealed_bid"));
                return all.ToJsonString();
            }
            catch
            {
                await t.StopAsync();
                throw;
            }
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    private static AuctionResult DirectAuction(IEnumerable<Bid> bids)
    {
        var t0 = Instant.FromDateTimeOffset(TestServer.Start);
        var orders = bids.Select((b, i) => new AuctionOrder(new Order(new OrderId(b.Id), new ParticipantId(b.Who), b.Side == "buy" ? OrderSide.Buy : OrderSide.Sell, 0,
            b.PriceEurPerMwh, b.QuantityKwh), t0 + Duration.FromSeconds(i), i));
        return new UniformPriceAuction().Clear(new AuctionBook(orders));
    }

    private static Dictionary<string, object> MarketBody(string id, string mechanism, int revealWindowSeconds) => new()
    {
        ["market_id"] = id, ["mechanism"] = mechanism, ["delivery_start"] = "2026-03-01T12:00:00Z", ["slot_minutes"] = 15, ["slot_count"] = 2,
        ["gate_closure_lead_minutes"] = 60, ["sealed_bids"] = true, ["reveal_window_seconds"] = revealWindowSeconds,
    };

    private static async Task CreateSealed(TestServer t, string id)
    {
        var r = await t.Post("/v1/markets", TestServer.OperatorKey, MarketBody(id, "call_auction", 600));
        Assert.Equal(201, r.Status);
    }

    private static async Task<Dictionary<string, string>> RegisterAll(TestServer t)
    {
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var who in Bids.Select(b => b.Who).Distinct())
        {
            keys[who] = await t.Register(who);
        }

        return keys;
    }

    private static Task<(int Status, JsonNode? Body, string ContentType)> Commit(TestServer t, string key, Bid b, string market = "sb", string? commitment = null) =>
        t.Post($"/v1/markets/{market}/commitments", key, new Dictionary<string, object>
        {
            ["client_bid_id"] = b.Id, ["slot"] = 0, ["commitment"] = commitment ?? b.Commitment,
        });

    private static Task<(int Status, JsonNode? Body, string ContentType)> Reveal(TestServer t, string key, Bid b, string? saltHex = null) =>
        t.Post("/v1/markets/sb/reveals", key, new Dictionary<string, object>
        {
            ["client_bid_id"] = b.Id, ["side"] = b.Side, ["price_eur_per_mwh"] = b.PriceEurPerMwh, ["quantity_kwh"] = b.QuantityKwh, ["salt_hex"] = saltHex ?? b.SaltHex,
        });

    private static async Task<long> CommandCount(TestServer t) =>
        (await t.Get("/v1/health")).Body!["commands"]!.GetValue<long>();
}
