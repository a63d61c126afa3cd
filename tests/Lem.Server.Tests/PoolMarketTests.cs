using System.Text.Json.Nodes;
using Lem.Domain.Ids;
using Lem.Domain.Orders;
using Lem.Domain.Units;
using Lem.Grid.Formulations;
using Lem.Markets.Pool;
using Lem.Pipeline;
using Lem.Scenarios;
using Lem.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Lem.Server.Tests;

public sealed class PoolMarketTests
{
    // The tiny scenario starts 2026-06-21T10:00 Europe/Berlin = 08:00Z; with a 60-minute lead the one gate closes at 07:00Z.
    private static readonly DateTimeOffset GateClosure = new(2026, 6, 21, 7, 0, 0, TimeSpan.Zero);

    private static string TinyPath => RepoPaths.InRepo("examples", "tiny", "scenario.json");

    private static JsonNode TinyJson() => JsonNode.Parse(File.ReadAllText(TinyPath))!;

    private static Dictionary<string, object> PoolMarket(string id, JsonNode scenario) => new()
    {
        ["market_id"] = id, ["mechanism"] = "pool", ["gate_closure_lead_minutes"] = 60, ["scenario"] = scenario,
    };

    /// <summary>The independent reference: the tiny scenario read from its file, with anna's extra bid, cleared directly.</summary>
    private static (Scenario Scenario, PoolResult Result) Direct(bool withExtraBid)
    {
        var read = ScenarioReader.Load(TinyPath);
        Assert.True(read.IsValid);
        var scenario = read.Scenario!;
        if (withExtraBid)
        {
            scenario = scenario with
            {
                Participants = [.. scenario.Participants.Select(p => p.Id.Value == "anna"
                    ? p with { Orders = [.. p.Orders, new Order(new OrderId("extra"), p.Id, OrderSide.Buy, 0, [new PriceStep(400m, 2m)])] }
                    : p)],
            };
        }

        var result = PoolClearing.Clear(scenario, GridFormulations.Choose("auto", scenario.Grid));
        Assert.Equal(PoolStatus.Optimal, result.Status);
        return (scenario, result);
    }

    [Fact]
    public async Task A_pool_market_clears_like_a_direct_pool_clearing_and_gives_the_dso_the_ac_check_and_survives_a_restart()
    {
        var dir = Path.Combine(Path.GetTempPath(), "lem-server-tests", Guid.NewGuid().ToString("N"));
        var clock = new FakeTimeProvider(TestServer.Start);
        string prices, grid, settlement, orders;
        try
        {
            await using (var t = await TestServer.StartAsync(dir, clock))
            {
                t.OwnsFolder = false;
                var created = await t.Post("/v1/markets", TestServer.OperatorKey, PoolMarket("tiny", TinyJson()));
                Assert.Equal(201, created.Status);
                Assert.Equal("pool", created.Body!["mechanism"]!.GetValue<string>());
                Assert.Equal(4, created.Body["slot_count"]!.GetValue<int>());
                Assert.Equal(60, created.Body["slot_minutes"]!.GetValue<int>());
                Assert.Equal("2026-06-21T08:00:00.0000000Z", created.Body["delivery_start"]!.GetValue<string>());

                var anna = await t.Register("anna");
                var zed = await t.Register("zed");
                var dso = await t.Register("grid-op", "dso");

                var outsider = await t.Order("tiny", zed, "z1", "buy", 100m, 1m, slot: 0);
                Assert.Equal(403, outsider.Status);
                Assert.Contains("zed", outsider.Body!["detail"]!.GetValue<string>(), StringComparison.Ordinal);

                Assert.Equal(201, (await t.Order("tiny", anna, "a1", "buy", 400m, 2m, slot: 0)).Status);
                Assert.Equal(409, (await t.Get("/v1/markets/tiny/grid", dso)).Status); // not cleared yet

                // All four slots share the first slot's gate closure: an order for slot 3 is refused after it.
                clock.SetUtcNow(GateClosure);
                var late = await t.Order("tiny", anna, "a2", "buy", 400m, 1m, slot: 3);
                Assert.Equal(409, late.Status);
                var run = await t.Post("/v1/gate-closures/run", TestServer.OperatorKey, "{}");
                Assert.Equal(200, run.Status);

                var (scenario, direct) = Direct(withExtraBid: true);
                var (_, without) = Direct(withExtraBid: false);
                var p = await t.Get("/v1/markets/tiny/prices");
                var slots = p.Body!["slots"]!.AsArray();
                Assert.Equal(4, slots.Count);
                for (var s = 0; s < 4; s++)
                {
                    var pool = slots[s]!["pool"]!;
                    Assert.Equal("optimal", pool["status"]!.GetValue<string>());
                    for (var b = 0; b < direct.BusIds.Count; b++)
                    {
                        Assert.Equal(direct.Slots[s].PricesEurPerMwh[b], pool["bus_prices_eur_per_mwh"]![direct.BusIds[b].Value]!.GetValue<double>(), 1e-6);
                    }

                    Assert.Equal(direct.Slots[s].PricesEurPerMwh[0], slots[s]!["price_eur_per_mwh"]!.GetValue<double>(), 1e-6);
                    foreach (var d in direct.Participants)
                    {
                        Assert.Equal(d.NetInjectionKw[s] * scenario.Horizon.SlotHours, pool["net_injection_kwh"]![d.Participant.Value]!.GetValue<double>(), 3);
                    }
                }

                // The extra bid at 400 EUR/MWh is above every price: anna takes exactly 2 kWh more in slot 0 and nothing else moves for her.
                double Anna(PoolResult r, int s) => r.Participants.Single(x => x.Participant.Value == "anna").NetInjectionKw[s];
                Assert.Equal(Anna(without, 0) - 2.0, slots[0]!["pool"]!["net_injection_kwh"]!["anna"]!.GetValue<double>(), 3);
                for (var s = 1; s < 4; s++)
                {
                    Assert.Equal(Anna(without, s), slots[s]!["pool"]!["net_injection_kwh"]!["anna"]!.GetValue<double>(), 3);
                }

                var a1 = await t.Get("/v1/orders/a1", anna);
                Assert.Equal("cleared", a1.Body!["status"]!.GetValue<string>());
                Assert.Equal(2m, a1.Body["filled_kwh"]!.GetValue<decimal>());

                // Grid results: the DSO sees the AC check, equal to a direct run on the direct clearing; participants may not.
                Assert.Equal(403, (await t.Get("/v1/markets/tiny/grid", anna)).Status);
                var g = await t.Get("/v1/markets/tiny/grid", dso);
                Assert.Equal(200, g.Status);
                var ac = AcCheck.Run(direct, scenario)!;
                var gridSlots = g.Body!["slots"]!.AsArray();
                Assert.Equal(ac.Slots.Count, gridSlots.Count);
                for (var s = 0; s < ac.Slots.Count; s++)
                {
                    var vmin = gridSlots[s]!["vm_min_pu"]!.GetValue<double>();
                    var vmax = gridSlots[s]!["vm_max_pu"]!.GetValue<double>();
                    Assert.InRange(vmin, 0.9, 1.1);
                    Assert.InRange(vmax, vmin, 1.1);
                    Assert.Equal(ac.Slots[s].VmMinPu, vmin, 9);
                    Assert.Equal(ac.Slots[s].VmMinBus.Value, gridSlots[s]!["vm_min_bus"]!.GetValue<string>());
                    Assert.Equal(ac.Slots[s].MaxLoadingPercent, gridSlots[s]!["max_loading_percent"]!.GetValue<double>(), 9);
                    Assert.Equal(ac.Slots[s].LossesMw * 1000, gridSlots[s]!["losses_kw"]!.GetValue<double>(), 9);
                    Assert.Equal(ac.Slots[s].TransformerNoLoadLossesMw * 1000, gridSlots[s]!["transformer_no_load_losses_kw"]!.GetValue<double>(), 9);
                    Assert.Equal(ac.Slots[s].ShuntLossesMw * 1000, gridSlots[s]!["shunt_losses_kw"]!.GetValue<double>(), 9);
                    Assert.Equal(ac.Slots[s].TotalLossesMw * 1000, gridSlots[s]!["total_losses_kw"]!.GetValue<double>(), 9);
                }

                // Settlement: anna pays her bus price times what she draws net in each slot, to the cent.
                var st = await t.Get("/v1/settlement", anna);
                Assert.Equal(200, st.Status);
                var lines = st.Body!["slots"]!.AsArray();
                Assert.Equal(4, lines.Count);
                var annaBus = direct.BusIds.ToList().IndexOf(direct.Participants.Single(x => x.Participant.Value == "anna").Bus!.Value);
                decimal totalPaid = 0;
                for (var s = 0; s < 4; s++)
                {
                    var drawnKwh = Math.Round((decimal)(-Anna(direct, s) * scenario.Horizon.SlotHours), 3);
                    var priceEurPerMwh = Math.Round((decimal)direct.Slots[s].PricesEurPerMwh[annaBus], 6);
                    var expected = Math.Round(drawnKwh * priceEurPerMwh / 1000m, 2, MidpointRounding.AwayFromZero);
                    Assert.Equal(drawnKwh, lines[s]!["bought_kwh"]!.GetValue<decimal>());
                    Assert.Equal(expected, lines[s]!["paid_eur"]!.GetValue<decimal>());
                    totalPaid += expected;
                }

                Assert.Equal(totalPaid, st.Body["totals"]!["paid_eur"]!.GetValue<decimal>());

                prices = p.Body.ToJsonString();
                grid = g.Body.ToJsonString();
                settlement = st.Body.ToJsonString();
                orders = (await t.Get("/v1/orders", anna)).Body!.ToJsonString();
            }

            // Replay rebuilds the scenario from the create_market command and re-clears it: identical answers.
            await using (var t = await TestServer.StartAsync(dir, clock))
            {
                var dso = await t.Register("grid-op-2", "dso");
                Assert.Equal(prices, (await t.Get("/v1/markets/tiny/prices")).Body!.ToJsonString());
                Assert.Equal(grid, (await t.Get("/v1/markets/tiny/grid", dso)).Body!.ToJsonString());
                var all = await t.Get("/v1/settlement?participant_id=anna", TestServer.OperatorKey);
                Assert.Equal(settlement, all.Body!.ToJsonString());
            }
        }
        finally
        {
            Directory.Delete(dir, true);
        }

        Assert.Contains("cleared", orders, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_scenario_is_refused_with_every_error_path_and_a_copper_plate_market_has_no_grid()
    {
        await using var t = await TestServer.StartAsync();
        var bad = TinyJson();
        bad["participants"]![2]!["bus"] = "9";
        bad["participants"]![0]!["assets"]![0]!["demand_kw"] = new JsonArray(1, 2);
        var r = await t.Post("/v1/markets", TestServer.OperatorKey, PoolMarket("bad", bad));
        Assert.Equal(400, r.Status);
        var errors = r.Body!["errors"]!.AsObject().Select(kv => kv.Key).ToList();
        Assert.Contains("scenario.participants[2].bus", errors);
        Assert.Contains(errors, e => e.StartsWith("scenario.participants[0].assets[0].demand_kw", StringComparison.Ordinal));

        var fileRef = TinyJson();
        fileRef["participants"]![0]!["assets"]![0]!["demand_kw"] = "anna.csv";
        var f = await t.Post("/v1/markets", TestServer.OperatorKey, PoolMarket("file", fileRef));
        Assert.Equal(400, f.Status);
        Assert.Contains(f.Body!["errors"]!.AsObject(), kv => kv.Key.StartsWith("scenario.participants[0].assets[0].demand_kw", StringComparison.Ordinal));

        var wrongSlots = PoolMarket("wrong", TinyJson());
        wrongSlots["slot_count"] = 5;
        var w = await t.Post("/v1/markets", TestServer.OperatorKey, wrongSlots);
        Assert.Equal(400, w.Status);
        Assert.NotNull(w.Body!["errors"]!["slot_count"]);

        var copper = TinyJson().AsObject();
        copper.Remove("grid");
        copper["outside_market"]!.AsObject().Remove("connection_bus");
        foreach (var p in copper["participants"]!.AsArray())
        {
            p!.AsObject().Remove("bus");
        }

        Assert.Equal(201, (await t.Post("/v1/markets", TestServer.OperatorKey, PoolMarket("copper", copper))).Status);
        t.Clock.SetUtcNow(GateClosure);
        Assert.Equal(200, (await t.Post("/v1/gate-closures/run", TestServer.OperatorKey, "{}")).Status);
        var prices = await t.Get("/v1/markets/copper/prices");
        Assert.Equal("optimal", prices.Body!["slots"]![0]!["pool"]!["status"]!.GetValue<string>());
        Assert.Equal(404, (await t.Get("/v1/markets/copper/grid", TestServer.OperatorKey)).Status);
        var positions = await t.Get("/v1/markets/copper/positions", TestServer.OperatorKey);
        Assert.Equal(16, positions.Body!["positions"]!.AsArray().Count); // 4 participants x 4 slots
    }

    [Fact]
    public async Task An_infeasible_clearing_is_recorded_and_the_sequencer_keeps_working()
    {
        await using var t = await TestServer.StartAsync();
        var infeasible = TinyJson();
        infeasible["outside_market"]!["import_limit_kw"] = 0;
        infeasible["participants"]![0]!["assets"]![0]!["demand_kw"] = new JsonArray(80, 80, 80, 80); // far more than PV and battery give
        Assert.Equal(201, (await t.Post("/v1/markets", TestServer.OperatorKey, PoolMarket("dark", infeasible))).Status);
        await t.CreateMarket("after", "call_auction", leadMinutes: 0);
        var dso = await t.Register("grid-op", "dso");
        t.Clock.SetUtcNow(GateClosure);
        Assert.Equal(200, (await t.Post("/v1/gate-closures/run", TestServer.OperatorKey, "{}")).Status);
        var prices = await t.Get("/v1/markets/dark/prices");
        var slots = prices.Body!["slots"]!.AsArray();
        Assert.Equal(4, slots.Count);
        Assert.All(slots, s =>
        {
            Assert.Equal("infeasible", s!["pool"]!["status"]!.GetValue<string>());
            Assert.Null(s["price_eur_per_mwh"]);
        });
        var grid = await t.Get("/v1/markets/dark/grid", dso);
        Assert.Equal(409, grid.Status);
        Assert.Contains("failed", grid.Body!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(200, (await t.Get("/v1/health")).Status);
        Assert.Equal(4, (await t.Get("/v1/markets/after/prices")).Body!["slots"]!.AsArray().Count); // the call auction closed too
    }
}
