using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lem.Ledger;
using Lem.Server.Engine;
using Lem.Server.Store;
using Lem.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Lem.Server.Tests;

/// <summary>
/// A scenario market's gate closure clears a snapshot off the sequencer's lock and commits the result as a
/// clearing_result command: other markets trade meanwhile, a restart applies the stored result instead of solving again,
/// and a restart after a stop between closure and result runs the clearing again to the same answers.
/// </summary>
public sealed class ClearingOffLockTests
{
    // The tiny scenario starts 2026-06-21T10:00 Europe/Berlin = 08:00Z; with a 60-minute lead the one gate closes at 07:00Z.
    private static readonly DateTimeOffset GateClosure = new(2026, 6, 21, 7, 0, 0, TimeSpan.Zero);

    private static string TinyPath => RepoPaths.InRepo("examples", "tiny", "scenario.json");

    [Fact]
    public async Task The_clearing_result_is_a_stored_signed_command_and_a_restart_applies_it_without_solving_to_identical_answers()
    {
        var name = "clearing-replay-" + Guid.NewGuid().ToString("N");
        var dir = Path.Combine(Path.GetTempPath(), "lem-server-tests", Guid.NewGuid().ToString("N"));
        var clock = new FakeTimeProvider(TestServer.Start);
        string before;
        try
        {
            string anna, dso;
            await using (var t = await TestServer.StartAsync(dir, clock))
            {
                t.OwnsFolder = false;
                (anna, dso) = await Setup(t, name);
                clock.SetUtcNow(GateClosure);
                var run = await t.Post("/v1/gate-closures/run", TestServer.OperatorKey, "{}");
                Assert.Equal(200, run.Status);

                // The run waits for the clearing: its answer holds the four closures with the clearing's summary, not "clearing".
                var closures = run.Body!["gate_closures"]!.AsArray().Where(c => c!["market_id"]!.GetValue<string>() == "cp").ToList();
                Assert.Equal([0, 1, 2, 3], closures.Select(c => c!["slot"]!.GetValue<int>()));
                Assert.All(closures, c => Assert.Equal("optimal", c![CountingPoolMechanism.RegisteredName]!["status"]!.GetValue<string>()));
                Assert.Equal(1, CountingPoolMechanism.CallsFor(name));
                var a1 = await t.Get("/v1/orders/a1", anna);
                Assert.Equal("cleared", a1.Body!["status"]!.GetValue<string>());
                Assert.Equal(2m, a1.Body["filled_kwh"]!.GetValue<decimal>());
                Assert.Equal("cleared", (await t.Get("/v1/markets/cp")).Body!["clearing_status"]!.GetValue<string>());
                before = await Answers(t, anna, dso);
            }

            // The store: one gate_closure command took the snapshot; clearing_result commands carry the outcome in parts, in
            // order: the status with anna's accepted 2 kWh under her order's number, one part per slot, one per tariff
            // invoice; the signed ledger holds each of them.
            var commands = Commands(dir);
            Assert.Single(commands, c => c.Kind == "gate_closure");
            var results = commands.SkipWhile(c => c.Kind != "gate_closure").Skip(1).ToList();
            Assert.All(results, c => Assert.Equal("clearing_result", c.Kind));
            var parts = results.Select(c => JsonNode.Parse(c.Payload)!).ToList();
            var participants = JsonNode.Parse(File.ReadAllText(TinyPath))!["participants"]!.AsArray().Count;
            Assert.Equal(1 + 4 + participants, parts.Count);
            Assert.Equal(Enumerable.Range(0, parts.Count), parts.Select(x => x["part"]!.GetValue<int>()));
            Assert.All(parts, x => Assert.Equal(parts.Count, x["parts"]!.GetValue<int>()));
            Assert.All(parts, x => Assert.Equal("cp", x["market_id"]!.GetValue<string>()));
            var a1Number = JsonNode.Parse(before)!["orders"]!["orders"]!.AsArray().Single(o => o!["client_order_id"]!.GetValue<string>() == "a1")!["order_number"]!.GetValue<long>();
            Assert.Equal(2m, parts[0]["result"]!["order_fills_kwh"]![a1Number.ToString(CultureInfo.InvariantCulture)]!.GetValue<decimal>());
            Assert.Equal([0, 1, 2, 3], parts.Select(x => x["result"]!["slot"]).OfType<JsonNode>().Select(x => x.GetValue<int>()));
            Assert.Equal(participants, parts.Count(x => x["result"]!["tariff_invoices"] is not null));
            using (var db = DataFolder.OpenDatabaseReadOnly(dir))
            {
                var entries = LedgerTable.ReadAll(db).ToList();
                var verification = LedgerVerifier.Verify(entries, ServerKeyFile.Load(dir).PublicKey);
                Assert.True(verification.Ok, verification.Reason);
                var records = entries.SelectMany(e => JsonNode.Parse(e.PayloadJson)!["records"]!.AsArray()).ToList();
                var signed = records.Where(r => r!["kind"]!.GetValue<string>() == "command.clearing_result").ToList();
                Assert.Equal(results.Select(c => c.Sequence), signed.Select(r => r!["record"]!["sequence"]!.GetValue<long>()));
                Assert.All(signed.Zip(parts), x => Assert.True(JsonNode.DeepEquals(x.Second, x.First!["record"]!["command"]), "the ledger signs the stored payload"));
            }

            // Restart: the replay applies the stored result; the mechanism is not called again and every answer is identical.
            await using (var t = await TestServer.StartAsync(dir, clock))
            {
                t.OwnsFolder = false;
                Assert.Equal(before, await Answers(t, anna, dso));
                await t.Server.RunDueGateClosuresAsync();
                Assert.Equal(before, await Answers(t, anna, dso));
            }

            Assert.Equal(1, CountingPoolMechanism.CallsFor(name));
            Assert.Equal(commands.Count, Commands(dir).Count);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public async Task A_stop_between_gate_closure_and_clearing_result_runs_the_clearing_again_on_restart_to_the_same_answers()
    {
        var name = "clearing-crash-" + Guid.NewGuid().ToString("N");
        var referenceDir = Path.Combine(Path.GetTempPath(), "lem-server-tests", Guid.NewGuid().ToString("N"));
        var dir = Path.Combine(Path.GetTempPath(), "lem-server-tests", Guid.NewGuid().ToString("N"));
        try
        {
            // The reference: the same commands on a server that is not interrupted.
            string reference;
            await using (var r = await TestServer.StartAsync(referenceDir, new FakeTimeProvider(TestServer.Start)))
            {
                var (anna, dso) = await Setup(r, name);
                r.Clock.SetUtcNow(GateClosure);
                await r.Server.RunDueGateClosuresAsync();
                reference = await Answers(r, anna, dso);
            }

            Assert.Equal(1, CountingPoolMechanism.CallsFor(name));
            var clock = new FakeTimeProvider(TestServer.Start);
            var hold = CountingPoolMechanism.Hold(name);
            string annaKey, dsoKey;
            await using (var t = await TestServer.StartAsync(dir, clock))
            {
                t.OwnsFolder = false;
                (annaKey, dsoKey) = await Setup(t, name);
                var zed = await t.Register("zed");
                clock.SetUtcNow(GateClosure);
                var run = t.Server.RunDueGateClosuresAsync();
                Assert.True(await hold.Entered.WaitAsync(TimeSpan.FromMinutes(1)), "the clearing did not start");

                // While the pool clears off the lock: reads answer, the pool refuses orders clearly, another market trades.
                Assert.Equal("clearing", (await t.Get("/v1/markets/cp")).Body!["clearing_status"]!.GetValue<string>());
                var refused = await t.Order("cp", annaKey, "late", "buy", 300m, 1m, slot: 2);
                Assert.Equal(409, refused.Status);
                Assert.Equal("clearing", refused.Body!["errors"]!["slot"]![0]!.GetValue<string>());
                Assert.Equal(409, (await t.Send(HttpMethod.Delete, "/v1/orders/a2", annaKey)).Status);
                Assert.Empty((await t.Get("/v1/markets/cp/prices")).Body!["slots"]!.AsArray());
                Assert.Equal(409, (await t.Get("/v1/markets/cp/grid", dsoKey)).Status);
                Assert.Equal(201, (await t.Order("c", zed, "z1", "sell", 50m, 5m)).Status);
                Assert.Single((await t.Get("/v1/markets/c/depth?slot=0")).Body!["asks"]!.AsArray());
                Assert.Equal("open", (await t.Get("/v1/orders/a1", annaKey)).Body!["status"]!.GetValue<string>());

                // The server stops with the gate closure stored and the result not (as a crash would leave it).
                await t.StopAsync();
                CountingPoolMechanism.Release(name);
                await Assert.ThrowsAsync<InvalidOperationException>(() => run);
            }

            Assert.Equal(2, CountingPoolMechanism.CallsFor(name));
            var commands = Commands(dir);
            Assert.Equal(["register_participant", "gate_closure", "submit_order"], commands[^3..].Select(c => c.Kind)); // zed, the closure, zed's order meanwhile
            Assert.DoesNotContain(commands, c => c.Kind == "clearing_result");

            // Restart: the pending clearing runs again from the stored snapshot (deterministic), to the reference's answers.
            await using (var t = await TestServer.StartAsync(dir, clock))
            {
                t.OwnsFolder = false;
                await t.Server.RunDueGateClosuresAsync();
                Assert.Equal(3, CountingPoolMechanism.CallsFor(name));
                Assert.Equal(reference, await Answers(t, annaKey, dsoKey));
            }

            Assert.Equal("clearing_result", Commands(dir)[^1].Kind);
            await using (var t = await TestServer.StartAsync(dir, clock))
            {
                t.OwnsFolder = false;
                Assert.Equal(reference, await Answers(t, annaKey, dsoKey));
            }

            Assert.Equal(3, CountingPoolMechanism.CallsFor(name));
        }
        finally
        {
            CountingPoolMechanism.Release(name);
            foreach (var d in new[] { referenceDir, dir })
            {
                if (Directory.Exists(d))
                {
                    Directory.Delete(d, true);
                }
            }
        }
    }

    [Fact]
    public async Task A_replay_cut_between_two_result_parts_runs_the_clearing_again_and_applies_only_the_missing_parts()
    {
        var name = "clearing-parts-" + Guid.NewGuid().ToString("N");
        var dir = Path.Combine(Path.GetTempPath(), "lem-server-tests", Guid.NewGuid().ToString("N"));
        try
        {
            await using (var t = await TestServer.StartAsync(dir, new FakeTimeProvider(TestServer.Start)))
            {
                t.OwnsFolder = false;
                await Setup(t, name);
                t.Clock.SetUtcNow(GateClosure);
                await t.Server.RunDueGateClosuresAsync();
            }

            LoadedState state;
            using (var store = new SqliteMarketStore(dir))
            {
                state = store.Load();
            }

            var key = Ed25519KeyPair.Generate();
            var full = new MarketEngine(new ServerLedger(key, null));
            full.Replay(state);
            Assert.Empty(full.RunningClearings);

            // The log as a crash after the status part and the first slot's part would leave it.
            var gate = state.Commands.ToList().FindIndex(c => c.Kind == "gate_closure");
            var stored = state.Commands.Skip(gate + 1).ToList();
            const int applied = 2;
            var cut = new MarketEngine(new ServerLedger(key, null));
            cut.Replay(state with { Commands = [.. state.Commands.Take(gate + 1 + applied)] });
            var running = Assert.Single(cut.RunningClearings);
            var market = cut.Market("cp")!;
            Assert.Equal([0], market.Closures.Keys);
            Assert.True(market.IsClearing(1));

            // The clearing runs again (the mechanism is called once more) to the same parts; those applied are refused, the rest close the market.
            var calls = CountingPoolMechanism.CallsFor(name);
            var parts = running.Solve();
            Assert.Equal(calls + 1, CountingPoolMechanism.CallsFor(name));
            Assert.Equal(stored.Count, parts.Count);
            for (var i = 0; i < parts.Count; i++)
            {
                var storedPayload = JsonNode.Parse(stored[i].PayloadJson)!;
                Assert.True(JsonNode.DeepEquals(storedPayload["result"], parts[i]), $"part {i} differs from the stored one");
                var r = cut.Execute(CommandKinds.ClearingResult, storedPayload.AsObject(), stored[i].Time, null);
                Assert.Equal(i < applied ? 409 : 200, r.Status);
            }

            Assert.Empty(cut.RunningClearings);
            Assert.Equal(State(full), State(cut));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    /// <summary>The pool market's state as the API shows it: market, closures, positions, grid, invoices and anna's orders.</summary>
    private static string State(MarketEngine engine)
    {
        var m = engine.Market("cp")!;
        return new JsonObject
        {
            ["market"] = MarketEngine.MarketView(m),
            ["closures"] = new JsonArray([.. m.Closures.OrderBy(c => c.Key).Select(c => (JsonNode)MarketEngine.ClosureView(c.Value, m))]),
            ["positions"] = JsonSerializer.SerializeToNode(m.ClearedPositions.OrderBy(kv => kv.Key).Select(kv => kv.Value.Select(p => new { p.Key, p.Value.NetInjectionKwh, p.Value.PriceEurPerMwh }).ToList()).ToList()),
            ["grid"] = m.Grid().Body.DeepClone(),
            ["invoice"] = m.TariffInvoice("anna")?.DeepClone(),
            ["orders"] = new JsonArray([.. engine.OwnOrders("anna").Select(o => (JsonNode)Views.Order(o))]),
        }.ToJsonString();
    }

    /// <summary>Creates the pool market <c>cp</c> (the tiny scenario named <paramref name="scenarioName"/>, with a tariff section) and a continuous market <c>c</c>; anna bids in the pool.</summary>
    private static async Task<(string Anna, string Dso)> Setup(TestServer t, string scenarioName)
    {
        var scenario = JsonNode.Parse(File.ReadAllText(TinyPath))!;
        scenario["name"] = scenarioName;
        scenario["settlement"] = new JsonObject
        {
            ["grid_tariff"] = new JsonObject { ["fixed_eur_per_period"] = 0.19, ["volumetric_eur_per_kwh"] = 0.081 },
            ["taxes"] = new JsonObject { ["levies_eur_per_kwh"] = 0.063, ["vat_percent"] = 19 },
        };
        Assert.Equal(201, (await t.Post("/v1/markets", TestServer.OperatorKey, new Dictionary<string, object>
        {
            ["market_id"] = "cp", ["mechanism"] = CountingPoolMechanism.RegisteredName, ["gate_closure_lead_minutes"] = 60, ["scenario"] = scenario,
        })).Status);
        Assert.Equal(201, (await t.Post("/v1/markets", TestServer.OperatorKey, new Dictionary<string, object>
        {
            ["market_id"] = "c", ["mechanism"] = "continuous", ["delivery_start"] = "2026-06-22T12:00:00Z", ["slot_minutes"] = 15,
            ["slot_count"] = 4, ["gate_closure_lead_minutes"] = 60,
        })).Status);
        var anna = await t.Register("anna");
        var dso = await t.Register("grid-op", "dso");
        Assert.Equal(201, (await t.Order("cp", anna, "a1", "buy", 400m, 2m, slot: 0)).Status);
        Assert.Equal(201, (await t.Order("cp", anna, "a2", "buy", 1m, 3m, slot: 1)).Status);
        return (anna, dso);
    }

    /// <summary>Everything the pool market answers after clearing, as one JSON text.</summary>
    private static async Task<string> Answers(TestServer t, string anna, string dso)
    {
        var all = new JsonObject
        {
            ["market"] = (await t.Get("/v1/markets/cp")).Body!.DeepClone(),
            ["prices"] = (await t.Get("/v1/markets/cp/prices")).Body!.DeepClone(),
            ["positions"] = (await t.Get("/v1/markets/cp/positions", TestServer.OperatorKey)).Body!.DeepClone(),
            ["grid"] = (await t.Get("/v1/markets/cp/grid", dso)).Body!.DeepClone(),
            ["settlement"] = (await t.Get("/v1/settlement", anna)).Body!.DeepClone(),
            ["orders"] = (await t.Get("/v1/orders", anna)).Body!.DeepClone(),
        };
        Assert.Equal(4, all["prices"]!["slots"]!.AsArray().Count);
        Assert.NotEmpty(all["settlement"]!["tariff_invoices"]!.AsArray());
        return all.ToJsonString();
    }

    private static List<(long Sequence, string Kind, string Payload)> Commands(string dir)
    {
        using var db = DataFolder.OpenDatabaseReadOnly(dir);
        using var cmd = db.CreateCommand();
        cmd.CommandText = "SELECT seq, kind, payload FROM commands ORDER BY seq";
        using var reader = cmd.ExecuteReader();
        var list = new List<(long, string, string)>();
        while (reader.Read())
        {
            list.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
        }

        return list;
    }
}
