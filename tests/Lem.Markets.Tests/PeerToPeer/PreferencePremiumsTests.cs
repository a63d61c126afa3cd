using Lem.Domain.Ids;
using Lem.Domain.Participants;
using Lem.Domain.Series;
using Lem.Domain.Units;
using Lem.Grid.Network;
using Lem.Markets.Assets;
using Lem.Markets.Distributed;
using Lem.Markets.Preferences;
using Lem.Pipeline;
using Lem.Testing;
using static Lem.Markets.Tests.TestScenarios;

namespace Lem.Markets.Tests.PeerToPeer;

/// <summary>
/// Declared preferences resolved to per-pair premiums (docs/scenario-format.md#preferences) and used by the P2P
/// mechanism (docs/mechanisms/admm.md#preferences).
/// </summary>
public sealed class PreferencePremiumsTests
{
    private static readonly AdmmOptions Tight = new() { Rho = 0.1, AbsoluteTolerance = 1e-6, RelativeTolerance = 0, Parallel = false, MaxIterations = 20000 };

    private static Preference Local(double premium, double? maxDistancePu = null) => new(PreferenceClass.Local, (decimal)premium, maxDistancePu, []);

    private static Preference Green(double premium) => new(PreferenceClass.Green, (decimal)premium, null, []);

    private static Preference Partners(double premium, params string[] ids) => new(PreferenceClass.Partners, (decimal)premium, null, [.. ids.Select(i => new ParticipantId(i))]);

    /// <summary>
    /// Slack 0 – transformer line – busbar 1; feeder A: 1–2 (r = 0.02), 2–3 (r = 0.03); feeder B: 1–4 (r = 0.05).
    /// The buyer (a 6 kW curtailable load worth 100 EUR/MWh) at bus 2; "near", "far" and "bar" with 5 kW of free PV each
    /// at buses 3, 4 and the busbar 1; the outside market imports at 150 and exports at 10.
    /// </summary>
    private static Scenario Feeders(params Preference[] buyerPreferences)
    {
        var grid = new GridNetwork
        {
            Name = "two-feeders",
            Buses =
            [
                new Bus { Id = new BusId("0"), NominalKv = 0.4, Type = BusType.Slack },
                new Bus { Id = new BusId("1"), NominalKv = 0.4 },
                new Bus { Id = new BusId("2"), NominalKv = 0.4 },
                new Bus { Id = new BusId("3"), NominalKv = 0.4 },
                new Bus { Id = new BusId("4"), NominalKv = 0.4 },
            ],
            Lines =
            [
                new Line { Id = "01", FromBus = new BusId("0"), ToBus = new BusId("1"), RPu = 0.01, XPu = 0.005 },
                new Line { Id = "12", FromBus = new BusId("1"), ToBus = new BusId("2"), RPu = 0.02, XPu = 0.01 },
                new Line { Id = "23", FromBus = new BusId("2"), ToBus = new BusId("3"), RPu = 0.03, XPu = 0.01 },
                new Line { Id = "14", FromBus = new BusId("1"), ToBus = new BusId("4"), RPu = 0.05, XPu = 0.01 },
            ],
        };
        static RenewableGenerator Pv(string id) => new(new AssetId(id), null, RenewableKind.Pv, Power.FromKw(10), SlotSeries.Constant(5, 1), Price.FromEurPerMwh(0));
        var load = new CurtailableLoad(new AssetId("buyer-load"), null, SlotSeries.Constant(6, 1), Price.FromEurPerMwh(100));
        var buyer = Participant("buyer", ParticipantRole.Consumer, [load]) with { Bus = new BusId("2"), Preferences = buyerPreferences };
        var near = Participant("near", ParticipantRole.Producer, [Pv("near-pv")]) with { Bus = new BusId("3") };
        var far = Participant("far", ParticipantRole.Producer, [Pv("far-pv")]) with { Bus = new BusId("4") };
        var bar = Participant("bar", ParticipantRole.Producer, [Pv("bar-pv")]) with { Bus = new BusId("1") };
        return Scenario("feeders", Hourly(1), Market([150], [10], 100, 100) with { ConnectionBus = new BusId("0") }, buyer, near, far, bar) with { Grid = grid };
    }

    [Fact]
    public void Classes_resolve_to_per_seller_premiums_that_add_up()
    {
        var p = PreferencePremiums.Build(Feeders(Local(20), Green(5), Partners(3, "far")));

        Assert.Equal(25, p.PremiumEurPerMwh("buyer", "near"));
        Assert.Equal(8, p.PremiumEurPerMwh("buyer", "far"));
        Assert.Equal(5, p.PremiumEurPerMwh("buyer", "bar"));
        Assert.Equal(0, p.PremiumEurPerMwh("near", "buyer"));
        Assert.Equal(3, p.PremiumsOf("buyer").Count);
        Assert.Equal(3, p.Pairs.Count());
    }

    [NativeFact(NativeLibraries.Klu)]
    public void A_local_distance_counts_the_resistance_path_between_the_buses()
    {
        // From bus 2: bus 3 at 0.03, busbar 1 at 0.02, bus 4 at 0.02 + 0.05 = 0.07 (per unit).
        var within5 = PreferencePremiums.Build(Feeders(Local(10, 0.05)));
        var within7 = PreferencePremiums.Build(Feeders(Local(10, 0.0701)));

        Assert.Equal(["bar", "near"], within5.PremiumsOf("buyer").Keys.Order());
        Assert.Equal(["bar", "far", "near"], within7.PremiumsOf("buyer").Keys.Order());
    }

    [Fact]
    public void On_a_copper_plate_everyone_is_local()
    {
        var copper = Feeders(Local(10)) with { Grid = null };

        Assert.Equal(["bar", "far", "near"], PreferencePremiums.Build(copper).PremiumsOf("buyer").Keys.Order());
    }

    [Fact]
    public void A_same_feeder_preference_on_a_meshed_grid_is_refused_with_the_reason()
    {
        var s = Feeders(Local(10));
        var meshed = s with { Grid = s.Grid! with { Lines = [.. s.Grid.Lines, new Line { Id = "34", FromBus = new BusId("3"), ToBus = new BusId("4"), RPu = 0.01, XPu = 0.01 }] } };

        Assert.Contains("meshed", PreferencePremiums.WhyNotApplicable(meshed), StringComparison.Ordinal);
        Assert.Null(PreferencePremiums.WhyNotApplicable(meshed with { Participants = [.. meshed.Participants.Select(x => x with { Preferences = [Local(10, 0.1)] })] }));
        Assert.Throws<ArgumentException>(() => PreferencePremiums.Build(meshed));
    }

    [Theory]
    [InlineData("local", "near")]
    [InlineData("partners", "far")]
    public void In_the_p2p_mechanism_the_buyer_takes_all_it_can_from_the_partner_it_pays_a_premium_for(string preferenceClass, string preferred)
    {
        // 15 kW of free PV for a 6 kW buyer: without premiums who sells to it is not determined (any split is optimal, the
        // surplus is exported at 10). A premium of 10 EUR/MWh for the preferred partner makes buying its whole 5 kWh the
        // only optimum; the last kWh comes from the others.
        var preference = preferenceClass == "local" ? Local(10) : Partners(10, preferred);
        var r = DistributedClearing.Run(Feeders(preference), DistributedMechanism.P2p, new DistributedOptions { P2pAdmm = Tight });

        double Bought(string seller) => r.Trades.Where(t => t.BuyerId == "buyer" && t.SellerId == seller).Sum(t => t.QuantityKwh);
        Assert.Equal(ConvergenceStatus.Converged, r.Status);
        Approx.Equal(5, Bought(preferred), 1e-2, what: $"bought from {preferred}");
        Approx.Equal(6, r.Trades.Where(t => t.BuyerId == "buyer").Sum(t => t.QuantityKwh), 1e-2, what: "bought in all");
        Approx.Equal(1, new[] { "near", "far", "bar", "outside-market" }.Where(x => x != preferred).Sum(Bought), 1e-2, what: "bought from the others");
    }
}
