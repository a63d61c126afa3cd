using Lem.Domain.Participants;
using Lem.Pipeline;
using Lem.Settlement.Tariffs;
using Lem.Settlement.Billing;
using Lem.Settlement.Metering;
using static Lem.Settlement.Tests.Billing.SettlementCases;

namespace Lem.Settlement.Tests.Billing;

/// <summary>Every tariff component against a calculation by hand (docs/settlement.md#invoice-lines).</summary>
public sealed class TariffHandCalculationTests
{
    // One participant over four hourly slots (local 00:00-04:00 in UTC): it withdraws 2, 4 and 1 kWh and injects 3 kWh.
    private static readonly (string, double[], double[])[] OneProsumer =
        [("a", [-2, -4, -1, 3], [100, 100, 200, 50])];

    private static SettlementSettings NightTariff(bool netMetering) => new()
    {
        Grid = new TariffGrid
        {
            FixedEurPerPeriod = 1.00m,
            VolumetricEurPerKwh = 0.10m,
            NetMetering = netMetering,
            TimeOfUse = [new TariffPeriod("night", 0, 120, 0.05m)],
        },
        Taxes = new TariffTaxes { LeviesEurPerKwh = 0.02m, VatPercent = 19m },
        OperatorFee = new TariffOperatorFee { EurPerKwh = 0.01m },
    };

    [Fact]
    public void Settle_VolumetricTimeOfUseLeviesFeeAndVat_MatchTheHandCalculation()
    {
        var r = SettlementEngine.Settle(Positions(NightTariff(netMetering: false), 60, OneProsumer, Market(4, [100, 100, 200, 50])));
        var a = Of(r, "a");

        // Energy: 2·0.1 + 4·0.1 + 1·0.2 = 0.80 EUR bought; 3 kWh sold at 0.05 = 0.15 EUR credited.
        Assert.Equal(0.80m, Amount(a, "energy.bought"));
        Assert.Equal(7m, Line(a, "energy.bought").Quantity);
        Assert.Equal(-0.15m, Amount(a, "energy.sold"));
        Assert.Equal(-3m, Line(a, "energy.sold").Quantity);
        Assert.Equal(0.05m, Line(a, "energy.sold").UnitPriceEur);

        // Grid: 6 kWh in the night window at 0.05 = 0.30; 1 kWh outside it at 0.10 = 0.10; fixed 1.00.
        Assert.Equal(0.30m, Amount(a, "grid.energy.night"));
        Assert.Equal(6m, Line(a, "grid.energy.night").Quantity);
        Assert.Equal(0.10m, Amount(a, "grid.energy"));
        Assert.Equal(1.00m, Amount(a, "grid.fixed"));

        // Levies 7 kWh · 0.02 = 0.14; fee on 7 + 3 kWh traded · 0.01 = 0.10.
        Assert.Equal(0.14m, Amount(a, "taxes.levies"));
        Assert.Equal(0.10m, Amount(a, "fee.energy"));

        // VAT: 19 % of 0.80 − 0.15 + 0.30 + 0.10 + 1.00 + 0.14 + 0.10 = 2.29 → 0.4351 → 0.44.
        Assert.Equal(2.29m, Line(a, "vat").Quantity);
        Assert.Equal(0.44m, Amount(a, "vat"));
        Assert.Equal(2.73m, a.TotalEur);

        // Baseline: 7 kWh at 0.30 − 3 kWh at 0.05 = 2.10 − 0.15 = 1.95.
        Assert.Equal(2.10m, a.BaselineImportEur);
        Assert.Equal(0.15m, a.BaselineExportEur);
        Assert.Equal(1.95m - 2.73m, a.SavingsEur);
        Assert.True(r.Budget.IsBalanced);
        Assert.Equal(0m, r.Budget.OperatorResidualEur); // the outside market was paid the cleared prices
    }

    [Fact]
    public void Settle_NetMetering_ChargesNetWithdrawalPerRateBand()
    {
        var r = SettlementEngine.Settle(Positions(NightTariff(netMetering: true), 60, OneProsumer, Market(4, [100, 100, 200, 50])));
        var a = Of(r, "a");

        // Night band: max(0, 6 − 0) = 6 kWh → 0.30; standard band: max(0, 1 − 3) = 0 → no line.
        Assert.Equal(0.30m, Amount(a, "grid.energy.night"));
        Assert.DoesNotContain(a.Lines, l => l.Code == "grid.energy");
    }

    [Fact]
    public void Settle_SubscribedCapacityWithExcessAndMeasuredPeak_MatchTheHandCalculation()
    {
        var settings = new SettlementSettings
        {
            Grid = new TariffGrid
            {
                Capacity = new TariffCapacity
                {
                    DefaultSubscribedKw = 5,
                    SubscribedKwByParticipant = new Dictionary<ParticipantId, double> { [Id("b")] = 10 },
                    EurPerKw = 0.5m,
                    ExcessEurPerKw = 0.2m,
                },
                MeasuredPeakEurPerKw = 1.5m,
            },
        };

        // Quarter-hours: kWh = kW / 4.
        var r = SettlementEngine.Settle(Positions(settings, 15, [("a", [-3, -6, -2, -8], [0, 0, 0, 0]), ("b", [-12, 0, 0, 0], [0, 0, 0, 0])]));
        var a = Of(r, "a");
        var b = Of(r, "b");

        // a: subscription 5 kW · 0.5 = 2.50; excess (0 + 1 + 0 + 3) kW·slot · 0.2 = 0.80; peak 8 kW · 1.5 = 12.00.
        Assert.Equal(2.50m, Amount(a, "grid.capacity.subscribed"));
        Assert.Equal(4m, Line(a, "grid.capacity.excess").Quantity);
        Assert.Equal(0.80m, Amount(a, "grid.capacity.excess"));
        Assert.Equal(8m, Line(a, "grid.peak").Quantity);
        Assert.Equal(12.00m, Amount(a, "grid.peak"));

        // b: its own subscription of 10 kW · 0.5 = 5.00; excess 12 − 10 = 2 kW·slot · 0.2 = 0.40; peak 12 kW · 1.5 = 18.00.
        Assert.Equal(5.00m, Amount(b, "grid.capacity.subscribed"));
        Assert.Equal(0.40m, Amount(b, "grid.capacity.excess"));
        Assert.Equal(18.00m, Amount(b, "grid.peak"));
        Assert.True(r.Budget.IsBalanced);
    }

    [Fact]
    public void Settle_LocalDiscount_AppliesToTheLocallyMatchedShare_InThePoolAndInP2p()
    {
        var settings = new SettlementSettings { Grid = new TariffGrid { VolumetricEurPerKwh = 0.10m, LocalDiscountFraction = 0.5m } };

        // Pool: a injects 1 kWh, b withdraws 3 kWh; a third of b's withdrawal is matched locally.
        var pool = SettlementEngine.Settle(Positions(settings, 60, [("a", [1], [100]), ("b", [-3], [100])]));
        var b = Of(pool, "b");
        Assert.Equal(0.30m, Amount(b, "grid.energy"));
        Assert.Equal(1m, Line(b, "grid.local_discount").Quantity);
        Assert.Equal(-0.05m, Amount(b, "grid.local_discount")); // 50 % · 0.10 · 1 kWh
        Assert.DoesNotContain(Of(pool, "a").Lines, l => l.Code == "grid.local_discount");

        // P2P: b buys 1 kWh from a and 2 kWh from the outside market.
        var p2p = SettlementEngine.Settle(Trades(settings, 1, ["a", "b"], [("a", "b", 0, 1, 90), ("outside-market", "b", 0, 2, 100)]));
        var b2 = Of(p2p, "b");
        Assert.Equal(-0.05m, Amount(b2, "grid.local_discount"));
        Assert.Equal(0.09m, Amount(b2, "energy.bought_local"));
        Assert.Equal(0.20m, Amount(b2, "energy.bought_outside"));
        Assert.Equal(-0.09m, Amount(Of(p2p, "a"), "energy.sold_local"));
        Assert.True(pool.Budget.IsBalanced);
        Assert.True(p2p.Budget.IsBalanced);
    }

    [Theory]
    [InlineData(TariffChargeSplit.Buyer, 0.00, 0.40, 1.60)]
    [InlineData(TariffChargeSplit.Seller, 1.00, 1.00, 0.00)]
    [InlineData(TariffChargeSplit.Half, 0.50, 0.70, 0.80)]
    public void Settle_DistanceCharge_OnTheSection13Feeder_SplitsAsConfigured(TariffChargeSplit split, double p1, double p2, double p3)
    {
        // docs/network-charges.md#worked-example: d12 = 0.02, d13 = 0.03, d23 = 0.05, d̄ = 0.05; γ = 1 c/kWh gives 0.4, 0.6 and 1.0 c/kWh.
        var tariff = new TariffDistance { EurPerMwh = 10m, Method = TariffDistanceMethod.Path, Split = split };
        var scenario = Section13Scenario(tariff);
        var factors = Tariffs.DistanceFactors.ForScenario(scenario, tariff);
        Assert.Equal(0.4, factors(Id("p1"), Id("p2")), 12);
        Assert.Equal(0.6, factors(Id("p1"), Id("p3")), 12);
        Assert.Equal(1.0, factors(Id("p3"), Id("p2")), 12);

        var settings = new SettlementSettings { Grid = new TariffGrid { Distance = tariff } };
        var r = SettlementEngine.Settle(Trades(settings, 1, ["p1", "p2", "p3"], [("p1", "p2", 0, 100, 80), ("p1", "p3", 0, 100, 80), ("p2", "p3", 0, 100, 80)], factors));

        decimal Charge(string id) => Of(r, id).Lines.Where(l => l.Code == "grid.distance").Sum(l => l.AmountEur);
        Assert.Equal((decimal)p1, Charge("p1"));
        Assert.Equal((decimal)p2, Charge("p2"));
        Assert.Equal((decimal)p3, Charge("p3"));
        Assert.Equal(2.00m, r.Budget.GridTariffsEur); // 0.4 + 0.6 + 1.0 EUR on 100 kWh each
        Assert.True(r.Budget.IsBalanced);
    }

    [Fact]
    public void DistanceFactors_WithMeanNormalisation_DivideByTheMeanPairDistance()
    {
        var tariff = new TariffDistance { EurPerMwh = 10m, Normalization = TariffDistanceNormalization.Mean };
        var factors = Tariffs.DistanceFactors.ForScenario(Section13Scenario(tariff), tariff);

        // d̄ = (0.02 + 0.03 + 0.05) / 3 = 1/30.
        Assert.Equal(0.6, factors(Id("p1"), Id("p2")), 12);
        Assert.Equal(1.5, factors(Id("p2"), Id("p3")), 12);
    }

    [Theory]
    [InlineData(SettlementImbalanceRule.Dual, 0.20, -0.05, 0.075)]
    [InlineData(SettlementImbalanceRule.Single, 0.15, -0.08, 0.00)]
    public void Settle_Imbalance_PricesShortAndLongByTheRule(SettlementImbalanceRule rule, double shortEur, double longEur, double spreadEur)
    {
        // Scheduled −2 kWh in both slots at 200 and 100 EUR/MWh; reference price 150 EUR/MWh (wholesale import × 1).
        // Metered −3 kWh (short 1 kWh) and −1.5 kWh (long 0.5 kWh).
        var settings = new SettlementSettings
        {
            Grid = new TariffGrid { VolumetricEurPerKwh = 0.10m },
            Imbalance = new SettlementImbalance { Rule = rule },
        };
        var meters = new MeterReadings([(Id("a"), 0, -3.0), (Id("a"), 1, -1.5)]);
        var request = Positions(settings, 60, [("a", [-2, -2], [200, 100])], Market(2, [150, 150]), meters);
        var r = SettlementEngine.Settle(request);
        var a = Of(r, "a");

        // Dual: short pays max(150, 200) → 1 · 0.200 = 0.20; long receives min(150, 100) → 0.5 · 0.100 = 0.05.
        // Single: short pays 0.15; long receives 0.5 · 0.150 = 0.075 → 0.08 (half away from zero).
        Assert.Equal((decimal)shortEur, Amount(a, "imbalance.short"));
        Assert.Equal((decimal)longEur, Amount(a, "imbalance.long"));
        Assert.Equal(1m, Line(a, "imbalance.short").Quantity);
        Assert.Equal(-0.5m, Line(a, "imbalance.long").Quantity);

        // Grid tariffs and the baseline follow the metered energy: 4.5 kWh withdrawn.
        Assert.Equal(0.45m, Amount(a, "grid.energy"));
        Assert.Equal(1.35m, a.BaselineImportEur);

        // The community's imbalance at the reference price: −(−1 + 0.5) · 150 / 1000 = 0.075 → 0.08; the dual spread stays with the operator.
        Assert.Equal(0.08m, r.Budget.ImbalanceOutsideEur);
        Assert.Equal((decimal)spreadEur, r.Budget.ImbalanceSpreadEur);
        Assert.True(r.Budget.IsBalanced);
    }

    [Fact]
    public void Settle_ExplicitImbalancePrice_ReplacesTheWholesaleReference()
    {
        var settings = new SettlementSettings { Imbalance = new SettlementImbalance { PriceEurPerMwh = Domain.Series.SlotSeries.Constant(400, 1) } };
        var meters = new MeterReadings([(Id("a"), 0, -3.0)]);
        var r = SettlementEngine.Settle(Positions(settings, 60, [("a", [-2], [100])], Market(1, [150]), meters));

        Assert.Equal(0.40m, Amount(Of(r, "a"), "imbalance.short")); // 1 kWh at 400 EUR/MWh
    }

    [Fact]
    public void Settle_NetCredit_CarriesNoVat()
    {
        var settings = new SettlementSettings { Taxes = new TariffTaxes { VatPercent = 19m } };
        var r = SettlementEngine.Settle(Positions(settings, 60, [("seller", [5], [100]), ("buyer", [-1], [100])]));

        Assert.DoesNotContain(Of(r, "seller").Lines, l => l.Category == InvoiceCategory.Vat);
        Assert.Equal(0.02m, Amount(Of(r, "buyer"), "vat")); // 19 % of 0.10 = 0.019 → 0.02
    }

    [Fact]
    public void Settle_SupplierAsCounterparty_PaysTheOutsideAtRetailAndFeedIn()
    {
        var settings = new SettlementSettings { OutsideCounterparty = SettlementCounterparty.Supplier };

        // The community imports 2 kWh at the retail tariff 0.30: the operator pays 0.60 for energy it sold for 0.20.
        var r = SettlementEngine.Settle(Positions(settings, 60, [("a", [-2], [100])]));

        Assert.Equal(0.60m, r.Budget.OutsideMarketEur);
        Assert.Equal(-0.40m, r.Budget.OperatorResidualEur);
        Assert.Equal(-0.40m, r.Budget.MerchandisingSurplusEur);
        Assert.True(r.Budget.IsBalanced);
    }

    private static Lem.Pipeline.Scenario Section13Scenario(TariffDistance tariff)
    {
        var grid = new Grid.Network.GridNetwork
        {
            Name = "section13",
            BaseMva = 1.0,
            Buses = [.. Enumerable.Range(0, 4).Select(i => new Grid.Network.Bus { Id = new BusId($"{i}"), NominalKv = 0.4, Type = i == 0 ? Grid.Network.BusType.Slack : Grid.Network.BusType.Pq })],
            Lines =
            [
                new Grid.Network.Line { Id = "L01", FromBus = new BusId("0"), ToBus = new BusId("1"), RPu = 0.01, XPu = 0.0 },
                new Grid.Network.Line { Id = "L12", FromBus = new BusId("1"), ToBus = new BusId("2"), RPu = 0.02, XPu = 0.0 },
                new Grid.Network.Line { Id = "L13", FromBus = new BusId("1"), ToBus = new BusId("3"), RPu = 0.03, XPu = 0.0 },
            ],
        };
        var participants = Enumerable.Range(1, 3)
            .Select(i => new Participant(Id($"p{i}"), null, ParticipantRole.Prosumer, new BusId($"{i}"), [], [], []))
            .ToList();
        return new Lem.Pipeline.Scenario("section13", null, Horizon(1), participants, Market(1), grid, null)
        {
            Settlement = new SettlementSettings { Grid = new TariffGrid { Distance = tariff } },
        };
    }
}
