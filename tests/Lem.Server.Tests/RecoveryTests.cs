using System.Text.Json.Nodes;
using Lem.Ledger;
using Lem.Markets.OrderBook;
using Lem.Server.Store;
using Microsoft.Extensions.Time.Testing;

namespace Lem.Server.Tests;

public sealed class RecoveryTests
{
    [Fact]
    public async Task A_restarted_server_rebuilds_identical_books_orders_and_trades_and_runs_pending_gate_closures()
    {
        var dir = Path.Combine(Path.GetTempPath(), "lem-server-tests", Guid.NewGuid().ToString("N"));
        var clock = new FakeTimeProvider(TestServer.Start);
        string alice, bob, carol;
        string before;
        List<OrderBookSnapshot> books;
        try
        {
            await using (var t = await TestServer.StartAsync(dir, clock))
            {
                await t.CreateMarket("m1", "continuous");
                await t.CreateMarket("auc", "call_auction");
                alice = await t.Register("alice");
                bob = await t.Register("bob");
                carol = await t.Register("carol");
                for (var i = 0; i < 12; i++)
                {
                    clock.Advance(TimeSpan.FromSeconds(7));
                    var who = (i % 3) switch { 0 => alice, 1 => bob, _ => carol };
                    var side = i % 2 == 0 ? "sell" : "buy";
                    Assert.Equal(201, (await t.Order("m1", who, $"o{i}", side, 40m + (i % 5), 3m + i, slot: (i / 2) % 2)).Status);
                    Assert.Equal(201, (await t.Order("auc", who, $"q{i}", side, 40m + (i % 7), 2m + i)).Status);
                }

                Assert.Equal(201, (await t.Order("m1", alice, "rest1", "sell", 60m, 100m, slot: 1)).Status);
                Assert.Equal(201, (await t.Order("m1", alice, "rest2", "sell", 61m, 50m)).Status);
                Assert.Equal(201, (await t.Order("auc", carol, "rest3", "buy", 10m, 50m)).Status);
                var amended = await t.Send(HttpMethod.Patch, "/v1/orders/rest1", alice, """{"price_eur_per_mwh": 59, "quantity_kwh": 120}""");
                Assert.Equal(120m, amended.Body!["open_kwh"]!.GetValue<decimal>());
                Assert.Equal("cancelled", (await t.Send(HttpMethod.Delete, "/v1/orders/rest2", alice)).Body!["status"]!.GetValue<string>());
                Assert.Equal("cancelled", (await t.Send(HttpMethod.Delete, "/v1/orders/rest3", carol)).Body!["status"]!.GetValue<string>());
                before = await Snapshot(t, alice, bob, carol);
                books = Books(t);
                Assert.Contains("\"trade_id\"", before);
            }

            // Restart on the same folder with the clock past slot 0's gate closure: the pending closure runs after recovery.
            await using (var t = await TestServer.StartAsync(dir, clock))
            {
                Assert.Equal(before, await Snapshot(t, alice, bob, carol));
                Assert.True(t.Server.ReplayedCommands > 25);
                var replayed = Books(t);
                Assert.Equal(books.Count, replayed.Count);
                Assert.All(books.Zip(replayed), p => Assert.True(p.First.IsIdenticalTo(p.Second), p.First.ProductId));

                clock.SetUtcNow(new DateTimeOffset(2026, 3, 1, 11, 0, 0, TimeSpan.Zero));
                await t.Server.RunDueGateClosuresAsync();
                Assert.Single((await t.Get("/v1/markets/auc/prices")).Body!["slots"]!.AsArray());
                Assert.Single((await t.Get("/v1/markets/m1/prices")).Body!["slots"]!.AsArray());

                // Trading goes on in slot 1 against orders placed before the restart.
                var bestAsk = (await t.Get("/v1/markets/m1/depth?slot=1")).Body!["asks"]!.AsArray().FirstOrDefault();
                if (bestAsk is not null)
                {
                    var price = bestAsk["price_eur_per_mwh"]!.GetValue<decimal>();
                    var r = await t.Order("m1", carol, "after", "buy", price, 1m, slot: 1);
                    Assert.Single(r.Body!["trades"]!.AsArray());
                }

                before = await Snapshot(t, alice, bob, carol);
            }

            await using (var t = await TestServer.StartAsync(dir, clock))
            {
                Assert.Equal(before, await Snapshot(t, alice, bob, carol));
            }

            // The ledger holds every command and result, chained and signed by the server key.
            using var db = DataFolder.OpenDatabaseReadOnly(dir);
            var entries = LedgerTable.ReadAll(db).ToList();
            var verification = LedgerVerifier.Verify(entries, ServerKeyFile.Load(dir).PublicKey);
            Assert.True(verification.Ok, verification.Reason);
            Assert.All(entries, e => Assert.Equal("batch", e.Kind));
            var records = entries.SelectMany(e => JsonNode.Parse(e.PayloadJson)!["records"]!.AsArray()).ToList();
            var commands = records.Where(r => r!["kind"]!.GetValue<string>().StartsWith("command.", StringComparison.Ordinal)).ToList();
            Assert.Equal(Enumerable.Range(1, commands.Count).Select(i => (long)i), commands.Select(r => r!["record"]!["sequence"]!.GetValue<long>()));
            Assert.Contains(records, r => r!["kind"]!.GetValue<string>() == "gate.closed");
            Assert.Contains(records, r => r!["kind"]!.GetValue<string>() == "trade");
            Assert.Contains(commands, r => r!["kind"]!.GetValue<string>() == "command.submit_order");
            using var count = db.CreateCommand();
            count.CommandText = "SELECT COUNT(*) FROM commands";
            Assert.Equal(commands.Count, Convert.ToInt32(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    private static List<OrderBookSnapshot> Books(TestServer t)
    {
        lock (t.Server.Engine.SyncRoot)
        {
            var m = t.Server.Engine.Market("m1")!;
            return Enumerable.Range(0, m.Spec.SlotCount).Select(s => m.Books!.Book(m.Spec.ProductId(s))!.Snapshot()).ToList();
        }
    }

    private static async Task<string> Snapshot(TestServer t, params string[] keys)
    {
        var all = new JsonObject();
        var i = 0;
        foreach (var k in keys)
        {
            all[$"orders{i}"] = (await t.Get("/v1/orders", k)).Body!.DeepClone();
            all[$"trades{i}"] = (await t.Get("/v1/trades", k)).Body!.DeepClone();
            i++;
        }

        for (var slot = 0; slot < 4; slot++)
        {
            all[$"depth{slot}"] = (await t.Get($"/v1/markets/m1/depth?slot={slot}")).Body!.DeepClone();
        }

        all["prices_m1"] = (await t.Get("/v1/markets/m1/prices")).Body!.DeepClone();
        all["prices_auc"] = (await t.Get("/v1/markets/auc/prices")).Body!.DeepClone();
        all["markets"] = (await t.Get("/v1/markets")).Body!.DeepClone();
        return all.ToJsonString();
    }
}
