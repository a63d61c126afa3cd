using System.Text.Json.Nodes;
using Lem.Markets.Assets;
using Lem.Grid.Formulations;
using Lem.Markets.Clearing;
using Lem.Markets.Pool;
using Lem.Pipeline;
using Lem.Scenarios;
using Lem.Settlement.Billing;
using Lem.Settlement.Tariffs;
using Lem.Testing;
using Lem.Testing.Toy;
using Microsoft.Extensions.Time.Testing;

namespace Lem.Server.Tests;

/// <summary>Scenario markets are cleared by any registered clearing mechanism through the clearing pipeline, and settled by the tariff engine.</summary>
public sealed class ScenarioMarketTests
{
    // The tiny scenario starts 2026-06-21T10:00 Europe/Berlin = 08:00Z; with a 60-minute lead the one gate closes at 07:00Z.
    private static readonly DateTimeOffset GateClosure = new(2026, 6, 21, 7, 0, 0, TimeSpan.Zero);

    private static string TinyPath => RepoPaths.InRepo("examples", "tiny", "scenario.json");

    private static Dictionary<string, object> Market(string id, string mechanism, JsonNode scenario) => new()
    {
        ["market_id"] = id, ["mechanism"] = mechanism, ["gate_closure_lead_minutes"] = 60, ["scenario"] = scenario,
    };

    [Fact]
    public async Task A_clearing_mechanism_registered_from_the_test_assembly_runs_as_a_server_market_and_replays()
    {
        _ = SelfSupplyMechanism.Instance; // registered before the server lists its market kinds
        var dir = Path.Combine(Path.GetTempPath(), "lem-server-tests", Guid.NewGuid().ToString("N"));
        var clock = new FakeTimeProvider(TestServer.Start);
        string prices, positions;
        var scenario = ScenarioReader.Load(TinyPath).Scenario!;
        try
        {
            await using (var t = await TestServer.StartAsync(dir, clock))
            {
                t.OwnsFolder = false;
                var created = await t.Post("/v1/markets", TestServer.OperatorKey, Market("toy", SelfSupplyMechanism.RegisteredName, JsonNode.Parse(File.ReadAllText(TinyPath))!));
                Assert.Equal(201, created.Status);
                Assert.Equal(SelfSupplyMechanism.RegisteredName, created.Body!["mechanism"]!.GetValue<string>());
                clock.SetUtcNow(GateClosure);
                Assert.Equal(200, (await t.Post("/v1/gate-closures/run", TestServer.OperatorKey, "{}")).Status);

                var p = await t.Get("/v1/markets/toy/prices");
                var slots = p.Body!["slots"]!.AsArray();
                Assert.Equal(scenario.Horizon.Count, slots.Count);
                for (var s = 0; s < slots.Count; s++)
                {
                    Assert.Equal(SelfSupplyMechanism.PriceEurPerMwh, slots[s]!["price_eur_per_mwh"]!.GetValue<double>(), 9);
                    var summary = slots[s]![SelfSupplyMechanism.RegisteredName]!;
                    Assert.Equal("optimal", summary["status"]!.GetValue<string>());

                    // Each participant's net injection is its PV minus its inflexible demand, computed here from the scenario.
                    foreach (var participant in scenario.Participants)
                    {
                        var expectedKwh = (participant.Assets.OfType<RenewableGenerator>().Sum(g => g.AvailableKw[s]) - participant.Assets.OfType<InflexibleLoad>().Sum(l => l.DemandKw[s])) * scenario.Horizon.SlotHours;
                        Assert.Equal(expectedKwh, summary["net_injection_kwh"]![participant.Id.Value]!.GetValue<double>(), 3);
                    }
                }

                prices = p.Body.ToJsonString();
                positions = (await t.Get("/v1/markets/toy/positions", TestServer.OperatorKey)).Body!.ToJsonString();
            }

            // Restart: the command log is replayed and the toy clears again to byte-identical answers.
            await using (var t = await TestServer.StartAsync(dir, clock))
            {
                t.OwnsFolder = false;
                Assert.Equal(prices, (await t.Get("/v1/markets/toy/prices")).Body!.ToJsonString());
                Assert.Equal(positions, (await t.Get("/v1/markets/toy/positions", TestServer.OperatorKey)).Body!.ToJsonString());
            }
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    [Fact]
    public async Task A_pool_market_with_a_settlement_section_is_settled_by_the_tariff_engine()
    {
        var json = JsonNode.Parse(File.ReadAllText(TinyPath))!;
        json["settlement"] = new JsonObject
        {
            ["grid_tariff"] = new JsonObject { ["fixed_eur_per_period"] = 0.19, ["volumetric_eur_per_kwh"] = 0.081 },
            ["taxes"] = new JsonObject { ["levies_eur_per_kwh"] = 0.063, ["vat_percent"] = 19 },
        };
        await using var t = await TestServer.StartAsync();
        Assert.Equal(201, (await t.Post("/v1/markets", TestServer.OperatorKey, Market("tariffs", "pool", json))).Status);
        Assert.Equal(201, (await t.Post("/v1/markets", TestServer.OperatorKey, Market("plain", "pool", JsonNode.Parse(File.ReadAllText(TinyPath))!))).Status);
        var anna = await t.Register("anna");
        t.Clock.SetUtcNow(GateClosure);
        Assert.Equal(200, (await t.Post("/v1/gate-closures/run", TestServer.OperatorKey, "{}")).Status);

        // The reference: the same scenario read from text, cleared by the pool with its settlement's tariffs in the
        // objective (tariff-aware clearing is on by default with a settlement section, docs/settlement.md#tariff-aware-clearing)
        // and settled directly by the engine.
        var read = ScenarioReader.Parse(System.Text.Encoding.UTF8.GetBytes(json.ToJsonString()), Path.GetDirectoryName(TinyPath)!, "scenario");
        Assert.True(read.IsValid, string.Join("; ", read.Errors));
        var s = read.Scenario!;
        var pool = PoolClearing.Clear(s, GridFormulations.Choose("auto", s.Grid), PoolOptions.Default with { Clearing = new ClearingOptions { Tariffs = ClearingTariffs.ForScenario(s, s.Settlement) } });
        var direct = SettlementEngine.Settle(ScenarioSettlement.Request(s, PoolMechanism.ToClearingResult(pool, s)));
        var annaInvoice = direct.Invoices.Single(i => i.Participant.Id.Value == "anna");

        var st = await t.Get("/v1/settlement", anna);
        Assert.Equal(200, st.Status);
        var invoices = st.Body!["tariff_invoices"]!.AsArray();
        var invoice = Assert.Single(invoices); // the plain market has no settlement section, so no tariff invoice
        Assert.Equal("tariffs", invoice!["market_id"]!.GetValue<string>());
        Assert.Equal(annaInvoice.TotalEur, invoice["total_eur"]!.GetValue<decimal>());
        Assert.True(annaInvoice.Lines.Count > 0);
        Assert.Equal(annaInvoice.Lines.Count, invoice["lines"]!.AsArray().Count);
    }
}
