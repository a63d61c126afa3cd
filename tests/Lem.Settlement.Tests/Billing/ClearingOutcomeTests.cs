using System.Text;
using System.Text.Json.Nodes;
using Lem.Grid.Formulations;
using Lem.Markets.Distributed;
using Lem.Markets.Pool;
using Lem.Pipeline;
using Lem.Scenarios;
using Lem.Settlement.Billing;
using Lem.Testing;

namespace Lem.Settlement.Tests.Billing;

/// <summary>The tiny example cleared by every mechanism and settled with a full tariff (including a distance charge).</summary>
public sealed class ClearingOutcomeTests
{
    private const string Tariff = """
        {
          "grid_tariff": {
            "fixed_eur_per_period": 0.05, "volumetric_eur_per_kwh": 0.08,
            "time_of_use": [ { "name": "midday", "from": "11:00", "to": "13:00", "eur_per_kwh": 0.04 } ],
            "measured_peak_eur_per_kw": 0.02,
            "distance": { "eur_per_mwh": 20, "method": "path", "split": "half" },
            "local_discount": 0.3
          },
          "taxes": { "levies_eur_per_kwh": 0.06, "vat_percent": 19 },
          "operator_fee": { "eur_per_kwh": 0.005 },
          "imbalance": { "rule": "dual", "wholesale_factor": 1.2 },
          "compensation": "proportional"
        }
        """;

    private static readonly Lazy<Scenario> Tiny = new(() =>
    {
        var path = RepoPaths.InRepo("examples", "tiny", "scenario.json");
        var root = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        root["settlement"] = JsonNode.Parse(Tariff);
        var load = ScenarioReader.Parse(Encoding.UTF8.GetBytes(root.ToJsonString()), Path.GetDirectoryName(path)!);
        Assert.True(load.IsValid, string.Join("\n", load.Errors));
        return load.Scenario!;
    });

    [Fact]
    public void BilledParticipants_LeaveOutTheCounterpartiesWithoutAssets()
    {
        var village = ScenarioReader.Load(RepoPaths.InRepo("examples", "village", "scenario.json")).Scenario!;
        var billed = SettlementRequest.BilledParticipants(village).Select(p => p.Id.Value).ToList();

        Assert.Equal(58, billed.Count); // 57 households and the community battery
        Assert.DoesNotContain("community-manager", billed);
        Assert.DoesNotContain("dso", billed);
        Assert.Contains("community-battery", billed);

        // An aggregator is billed only when it has assets or orders of its own.
        var aggregator = new Domain.Participants.Participant(new ParticipantId("agg"), null, Domain.Participants.ParticipantRole.Aggregator, null, [], [], []);
        var withAggregator = Tiny.Value with { Participants = [.. Tiny.Value.Participants, aggregator] };
        Assert.DoesNotContain("agg", SettlementRequest.BilledParticipants(withAggregator).Select(p => p.Id.Value));
    }

    [Fact]
    public void Pool_SettlesEveryPositionAtItsBusPrice()
    {
        var s = Tiny.Value;
        var pool = PoolClearing.Clear(s, GridFormulations.Choose("auto", s.Grid), PoolOptions.Default);
        var r = SettlementEngine.Settle(ScenarioSettlement.Request(s, PoolMechanism.ToClearingResult(pool, s)));

        Assert.Equal(s.Participants.Select(p => p.Id), r.Invoices.Select(i => i.Participant.Id));
        var busIndex = pool.BusIds.Select((b, i) => (b, i)).ToDictionary(x => x.b, x => x.i);
        foreach (var d in pool.Participants)
        {
            // Independent: Σ_t price at the bus × withdrawal, from the pool result.
            var expected = Enumerable.Range(0, pool.Slots.Count).Sum(t => -d.NetInjectionKw[t] * s.Horizon.SlotHours * pool.Slots[t].PricesEurPerMwh[busIndex[d.Bus!.Value]] / 1000);
            var invoice = r.Invoices.Single(i => i.Participant.Id == d.Participant);
            var energy = invoice.Lines.Where(l => l.Category == InvoiceCategory.Energy).Sum(l => l.ExactAmountEur);
            Approx.Equal(expected, (double)energy, 1e-5, what: $"energy of {d.Participant}");
        }

        Assert.True(r.Budget.IsBalanced);
        Assert.Equal(pool.WelfareEur, r.Kpis.WelfareEur);
        Assert.DoesNotContain(r.Invoices.SelectMany(i => i.Lines), l => l.Code == "grid.distance"); // no bilateral trades in a pool
    }

    [Theory]
    [InlineData(DistributedMechanism.P2p)]
    [InlineData(DistributedMechanism.Community)]
    [InlineData(DistributedMechanism.Exchange)]
    public void Distributed_SettlesBalanced_WithAnOperatorResidualWithinTheAdmmTolerance(DistributedMechanism mechanism)
    {
        var s = Tiny.Value;
        var cleared = DistributedClearing.Run(s, mechanism);
        Assert.Equal(ConvergenceStatus.Converged, cleared.Status);
        var outcome = AdmmMechanism.ToClearingResult(cleared, s);
        var r = SettlementEngine.Settle(ScenarioSettlement.Request(s, outcome));

        Assert.Equal(4, r.Invoices.Count);
        Assert.True(r.Budget.IsBalanced);
        Assert.DoesNotContain(outcome.Positions, p => p.Participant.Value == DistributedOptions.Default.OutsideMarketId);

        // The clearing prices the outside trade at the wholesale prices, so the operator keeps (almost) nothing.
        Assert.True(Math.Abs(r.Budget.MerchandisingSurplusEur) < 0.01m, $"surplus {r.Budget.MerchandisingSurplusEur} EUR");
        if (mechanism == DistributedMechanism.P2p)
        {
            Assert.Contains(r.Invoices.SelectMany(i => i.Lines), l => l.Code == "energy.sold_local");
            var traded = cleared.Trades.Where(t => t.BuyerId != "outside-market" && t.SellerId != "outside-market").Sum(t => t.QuantityKwh);
            Approx.Equal(traded, r.Kpis.LocalTradedKwh, 1e-5, what: "local traded volume");
            Assert.Contains(r.Invoices.SelectMany(i => i.Lines), l => l.Code == "grid.distance");
        }
        else
        {
            for (var t = 0; t < s.Horizon.Count; t++)
            {
                var price = cleared.PricesEurPerMwh[t];
                Assert.All(outcome.Positions, p => Assert.Equal(price, p.PriceEurPerMwh[t]));
            }
        }
    }
}
