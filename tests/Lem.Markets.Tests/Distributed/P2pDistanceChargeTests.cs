using Lem.Domain.Markets;
using Lem.Domain.Orders;
using Lem.Domain.Participants;
using Lem.Domain.Series;
using Lem.Grid.Distance;
using Lem.Grid.Network;
using Lem.Markets.Distributed;
using Lem.Markets.PeerToPeer;
using Lem.Pipeline;
using Lem.Scenarios;
using Lem.Testing;
using static Lem.Markets.Tests.TestScenarios;

namespace Lem.Markets.Tests.Distributed;

/// <summary>docs/network-charges.md with docs/mechanisms/admm.md#peer-to-peer-consensus-admm: distance-based network charges as per-partner preferences of the P2P market.</summary>
public sealed class P2pDistanceChargeTests
{
    private static readonly AdmmOptions Tight = new() { Rho = 1, AbsoluteTolerance = 1e-6, RelativeTolerance = 0, Parallel = false, MaxIterations = 20000 };

    [Fact]
    public void Section61_SplittingAPreferenceBetweenThePartners_KeepsTheTradesAndShiftsThePairPrice()
    {
        // §6.1 has c32 = 2 (consumer 3 alone) and c41 = 1 (consumer 4 alone). Split the same charges half and half: the
        // trades must stay the worked optimum, λ13, λ24 (no charge) stay, λ14 rises by c/2 = 0.5 (seller 1 now carries 0.5:
        // MC1 + 0.5 = λ14), λ23 is inactive.
        var halves = FourAgents.Create(new Dictionary<string, IReadOnlyDictionary<string, double>>
        {
            ["1"] = new Dictionary<string, double> { ["4"] = 0.5 },
            ["4"] = new Dictionary<string, double> { ["1"] = 0.5 },
            ["2"] = new Dictionary<string, double> { ["3"] = 1.0 },
            ["3"] = new Dictionary<string, double> { ["2"] = 1.0 },
        });
        var graph = CommunicationGraph.FromPairs(4, [(0, 2), (0, 3), (1, 2), (1, 3)]);

        var r = PeerToPeerAdmm.Run(halves, graph, 1, Tight);

        Assert.Equal(ConvergenceStatus.Converged, r.Diagnostics.Status);
        Assert.Equal(9.1667, r.TradeOf(0, 2)[0], 1e-3);
        Assert.Equal(1.6667, r.TradeOf(0, 3)[0], 1e-3);
        Assert.Equal(0.0, r.TradeOf(1, 2)[0], 1e-3);
        Assert.Equal(4.9167, r.TradeOf(1, 3)[0], 1e-3);
        Assert.Equal(20.833, r.PriceOf(0, 2)![0], 1e-3);
        Assert.Equal(20.833 + 0.5, r.PriceOf(0, 3)![0], 1e-3);
        Assert.Equal(21.833, r.PriceOf(1, 3)![0], 1e-3);
        Assert.Equal(-168.208, r.TotalCostEur!.Value, 1e-3);
    }

    [Theory]
    [InlineData(60.0, 10.0)]
    [InlineData(100.0, 0.0)]
    public void Feeder_TradeAcrossTheFeeder_SurvivesOnlyWhileTheChargeIsBelowTheSurplus(double gamma, double expectedKwh)
    {
        // Seller at bus 2 offers 10 kWh at 40 EUR/MWh, buyer at bus 1 bids 100 EUR/MWh; the outside market at bus 0 imports at
        // 150 and exports at 10. Distances: d12 = 0.03, d01 = 0.01, d02 = 0.04 = d̄. The trade pays c12 = 0.75·γ: 45 < 60
        // (trade), 75 > 60 (no trade; importing costs 150 + γ/4 > 100, exporting earns 10 − γ < 40).
        var scenario = Feeder();
        var options = new DistributedOptions
        {
            P2pAdmm = Tight with { Rho = 0.1 },
            NetworkCharges = new NetworkChargePolicy { LevelEurPerMwh = gamma, Basis = new DistanceChargeBasis(ElectricalDistanceMethod.PathImpedance) },
        };

        var result = DistributedClearing.Run(scenario, DistributedMechanism.P2p, options);
        var table = NetworkCharges.Build(scenario, options.NetworkCharges, options.OutsideMarketId);

        Assert.Equal(ConvergenceStatus.Converged, result.Status);
        Approx.Equal(0.75 * gamma, table.ChargeEurPerMwh("buyer", "seller"), 1e-9);
        Approx.Equal(0.25 * gamma, table.ChargeEurPerMwh("buyer", "outside-market"), 1e-9);
        Approx.Equal(gamma, table.ChargeEurPerMwh("outside-market", "seller"), 1e-9);
        var traded = result.Trades.Where(t => t.BuyerId == "buyer" && t.SellerId == "seller").Sum(t => t.QuantityKwh);
        Approx.Equal(expectedKwh, traded, 1e-3, what: "buyer ← seller kWh");
        Approx.Equal(0.0, result.Trades.Where(t => t.BuyerId == "outside-market" || t.SellerId == "outside-market").Sum(t => t.QuantityKwh), 1e-3, what: "outside trades");

        // Welfare counts the charge as a cost: (100 − 40 − 45) EUR/MWh × 10 kWh = 0.15 EUR, or nothing traded.
        var charge = (double)table.TotalEur(result.Trades);
        Approx.Equal(expectedKwh * 0.75 * gamma / 1000, charge, 1e-5, what: "charges");
        Approx.Equal(expectedKwh * (60 - (0.75 * gamma)) / 1000, (double)result.WelfareEur, 1e-4, what: "welfare");
    }

    [NativeFact(NativeLibraries.Klu)]
    public void Feeder_Settlement_SplitsTheChargeAndRequotesTheEnergyPrice()
    {
        var scenario = Feeder();
        var half = new NetworkChargePolicy { LevelEurPerMwh = 60, Basis = new DistanceChargeBasis(ElectricalDistanceMethod.ResistanceDistance) };
        var options = new DistributedOptions { P2pAdmm = Tight with { Rho = 0.1 }, NetworkCharges = half };
        var result = DistributedClearing.Run(scenario, DistributedMechanism.P2p, options);
        var trade = Assert.Single(result.Trades, t => t.QuantityKwh > 1e-3);
        var halfTable = NetworkCharges.Build(scenario, half, options.OutsideMarketId);
        var buyerTable = NetworkCharges.Build(scenario, half with { Split = NetworkChargeSplit.Buyer }, options.OutsideMarketId);

        var h = halfTable.Settle(trade);
        var b = buyerTable.Settle(trade);

        Approx.Equal(45, h.ChargeEurPerMwh, 1e-9);
        Approx.Equal(22.5, h.BuyerChargeEurPerMwh, 1e-9);
        Approx.Equal(22.5, h.SellerChargeEurPerMwh, 1e-9);
        Approx.Equal(trade.PriceEurPerMwh, h.EnergyPriceEurPerMwh, 1e-12);
        Approx.Equal(45, b.BuyerChargeEurPerMwh, 1e-9);
        Assert.Equal(0.0, b.SellerChargeEurPerMwh);
        Approx.Equal(trade.PriceEurPerMwh - 22.5, b.EnergyPriceEurPerMwh, 1e-9);

        // Both splits leave the seller and the buyer with the same net prices, inside [40, 100]: the market's outcome.
        Approx.Equal(h.EnergyPriceEurPerMwh - h.SellerChargeEurPerMwh, b.EnergyPriceEurPerMwh - b.SellerChargeEurPerMwh, 1e-9);
        Approx.Equal(h.EnergyPriceEurPerMwh + h.BuyerChargeEurPerMwh, b.EnergyPriceEurPerMwh + b.BuyerChargeEurPerMwh, 1e-9);
        Assert.InRange(h.EnergyPriceEurPerMwh - h.SellerChargeEurPerMwh, 40 - 1e-3, 100 - 45 + 1e-3);
        Assert.Equal(h.ChargeEur, h.BuyerChargeEur + h.SellerChargeEur);
        Approx.Equal(0.45, (double)h.ChargeEur, 1e-4);
    }

    [Fact]
    public void Feeder_Preferences_GiveHalfBetweenParticipants_AndAllToTheParticipantTowardsTheOutsideMarket()
    {
        var table = NetworkCharges.Build(Feeder(), new NetworkChargePolicy { LevelEurPerMwh = 40, Basis = new DistanceChargeBasis(ElectricalDistanceMethod.PathImpedance) }, "outside-market");

        Approx.Equal(15, table.PreferencesOf("buyer")["seller"], 1e-9);
        Approx.Equal(15, table.PreferencesOf("seller")["buyer"], 1e-9);
        Approx.Equal(10, table.PreferencesOf("buyer")["outside-market"], 1e-9);
        Approx.Equal(40, table.PreferencesOf("seller")["outside-market"], 1e-9);
        Assert.All(table.PreferencesOf("outside-market").Values, v => Assert.Equal(0.0, v));
        Assert.Equal(3, table.Pairs.Count);
        Assert.All(table.Pairs, p => Approx.Equal(p.ChargeEurPerMwh, p.PreferenceAEurPerMwh + p.PreferenceBEurPerMwh, 1e-12));
        var outside = table.Pair("seller", "outside-market");
        Assert.Equal(new BusId("0"), outside.BusB);
        Approx.Equal(0.04, outside.Distance!.Value, 1e-12);
    }

    [Fact]
    public void CopperPlate_UniformCharge_Works_ButADistanceChargeIsRefused()
    {
        var copper = Feeder() with { Grid = null, Participants = [.. Feeder().Participants.Select(p => p with { Bus = null })], OutsideMarket = Feeder().OutsideMarket with { ConnectionBus = null } };
        var uniform = new DistributedOptions { P2pAdmm = Tight with { Rho = 0.1 }, NetworkCharges = new NetworkChargePolicy { LevelEurPerMwh = 50, Basis = new UniformChargeBasis() } };

        var result = DistributedClearing.Run(copper, DistributedMechanism.P2p, uniform);

        // 100 − 40 − 50 = 10 EUR/MWh of surplus is left: the trade survives and pays 50 EUR/MWh.
        Approx.Equal(10.0, result.Trades.Where(t => t.BuyerId == "buyer").Sum(t => t.QuantityKwh), 1e-3);
        Approx.Equal(0.5, (double)NetworkCharges.Build(copper, uniform.NetworkCharges!, "outside-market").TotalEur(result.Trades), 1e-4);
        var distance = uniform with { NetworkCharges = new NetworkChargePolicy { LevelEurPerMwh = 50 } };
        var ex = Assert.Throws<ArgumentException>(() => DistributedClearing.Run(copper, DistributedMechanism.P2p, distance));
        Assert.Contains("need a grid", ex.Message, StringComparison.Ordinal);
    }

    [NativeFact(NativeLibraries.Klu)]
    public void Tiny_ZeroCharge_ReproducesTheRunWithoutCharges_Exactly()
    {
        var tiny = ScenarioReader.Load(RepoPaths.InRepo("examples", "tiny", "scenario.json")).Scenario!;
        var without = DistributedClearing.Run(tiny, DistributedMechanism.P2p);
        var zero = DistributedClearing.Run(tiny, DistributedMechanism.P2p, DistributedOptions.Default with { NetworkCharges = new NetworkChargePolicy { LevelEurPerMwh = 0 } });

        Assert.Equal(without.Iterations, zero.Iterations);
        Assert.Equal(without.WelfareEur, zero.WelfareEur);
        Assert.Equal(without.Trades, zero.Trades);
        Assert.Equal(without.Positions.SelectMany(p => p.NetInjectionKw), zero.Positions.SelectMany(p => p.NetInjectionKw));
    }

    [NativeFact(NativeLibraries.Klu)]
    public void Tiny_OutsideMarketAgent_SitsAtTheConnectionBus_AndDistancesAreThePerUnitLineResistances()
    {
        // Inline lines on a 0.4 kV, 1 MVA base (Z_base = 0.16 Ω): r01 = 0.15 km × 0.206 Ω/km, r12 = 0.10 km × 0.642 Ω/km.
        var tiny = ScenarioReader.Load(RepoPaths.InRepo("examples", "tiny", "scenario.json")).Scenario!;
        var table = NetworkCharges.Build(tiny, new NetworkChargePolicy { LevelEurPerMwh = 10 }, "outside-market");
        double r01 = 0.15 * 0.206 / 0.16, r12 = 0.10 * 0.642 / 0.16;

        Assert.Equal(new BusId("0"), table.Pair("anna", "outside-market").BusB);
        Approx.Equal(r01 + r12, table.Charges.NormalisationDistance!.Value, 1e-12);
        Approx.Equal(10 * r12 / (r01 + r12), table.ChargeEurPerMwh("ben", "clara"), 1e-9);
        Approx.Equal(10 * r01 / (r01 + r12), table.ChargeEurPerMwh("outside-market", "anna"), 1e-9);
        Approx.Equal(10, table.ChargeEurPerMwh("dora", "outside-market"), 1e-9);
        Assert.Equal(0.0, table.ChargeEurPerMwh("anna", "ben"));
        Assert.Equal(10, table.Pairs.Count);
    }

    /// <summary>Buses 0–1–2 (r = 0.01, 0.03), seller (offer 10 kWh at 40) at bus 2, buyer (bid 10 kWh at 100) at bus 1, outside market at bus 0.</summary>
    private static Scenario Feeder()
    {
        var grid = new GridNetwork
        {
            Name = "feeder",
            Buses =
            [
                new Bus { Id = new BusId("0"), NominalKv = 0.4, Type = BusType.Slack },
                new Bus { Id = new BusId("1"), NominalKv = 0.4 },
                new Bus { Id = new BusId("2"), NominalKv = 0.4 },
            ],
            Lines =
            [
                new Line { Id = "01", FromBus = new BusId("0"), ToBus = new BusId("1"), RPu = 0.01, XPu = 0.005 },
                new Line { Id = "12", FromBus = new BusId("1"), ToBus = new BusId("2"), RPu = 0.03, XPu = 0.015 },
            ],
        };
        var market = Market([150], [10], 100, 100) with { ConnectionBus = new BusId("0") };
        var seller = Participant("seller", ParticipantRole.Producer, orders: [Order("s", "seller", OrderSide.Sell, 0, (40, 0.01))]) with { Bus = new BusId("2") };
        var buyer = Participant("buyer", ParticipantRole.Consumer, orders: [Order("b", "buyer", OrderSide.Buy, 0, (100, 0.01))]) with { Bus = new BusId("1") };
        return Scenario("feeder", Hourly(1), market, buyer, seller) with { Grid = grid };
    }
}
