using Lem.Grid.Distance;
using Lem.Grid.Tests.Formulations;
using Lem.Testing;
using static Lem.Grid.Tests.Distance.DistanceNetworks;

namespace Lem.Grid.Tests.Distance;

/// <summary>docs/network-charges.md#charges: distance, uniform and zonal P2P network charges per pair of buses.</summary>
public sealed class NetworkChargePolicyTests
{
    [Fact]
    public void Uniform_ChargesTheLevelForEveryPair_WithoutAGrid()
    {
        var policy = new NetworkChargePolicy { LevelEurPerMwh = 12.5, Basis = new UniformChargeBasis() };

        Assert.Null(policy.WhyNotApplicable(null));
        var charges = policy.Prepare(null);

        Assert.Equal(12.5, charges.ChargeEurPerMwh(null, null));
        Assert.Equal(12.5, charges.ChargeEurPerMwh(Id(1), Id(1)));
        Assert.Null(charges.DistanceBetween(Id(1), Id(2)));
        Assert.Null(charges.Distances);
    }

    [Fact]
    public void Zonal_ChargesTheLevelAcrossZonesOnly()
    {
        var network = Section13Feeder();
        network = network with { Buses = [.. network.Buses.Select(b => b with { Zone = b.Id.Value is "3" ? "east" : "west" })] };
        var policy = new NetworkChargePolicy { LevelEurPerMwh = 8, Basis = new ZonalChargeBasis() };

        var charges = policy.Prepare(network);

        Assert.Equal(0.0, charges.ChargeEurPerMwh(Id(1), Id(2)));
        Assert.Equal(8.0, charges.ChargeEurPerMwh(Id(2), Id(3)));
        Assert.Equal(8.0, charges.ChargeEurPerMwh(Id(3), Id(0)));
        Assert.Equal("east", charges.ZoneOf(Id(3)));
    }

    [Fact]
    public void Zonal_WithExplicitZones_NeedsNoBusZones()
    {
        var policy = new NetworkChargePolicy
        {
            LevelEurPerMwh = 3,
            Basis = new ZonalChargeBasis { ZoneOfBus = new Dictionary<BusId, string> { [Id(1)] = "a", [Id(2)] = "b" } },
        };

        var charges = policy.Prepare(Section13Feeder());

        Assert.Equal(3.0, charges.ChargeEurPerMwh(Id(1), Id(2)));
        Assert.Throws<ArgumentException>(() => charges.ChargeEurPerMwh(Id(1), Id(3)));
    }

    [NativeFact(NativeLibraries.Klu)]
    public void Distance_WithTheDefaultNormalisation_ChargesTheLevelToTheMostDistantPair()
    {
        var policy = new NetworkChargePolicy { LevelEurPerMwh = 30, Basis = new DistanceChargeBasis(ElectricalDistanceMethod.Ptdf) };

        var charges = policy.Prepare(Section13Feeder(1.0));

        // PTDF distances on the tree are hop counts: 2–3 is two branches (the most distant pair), 0–1 one.
        Approx.Equal(2.0, charges.NormalisationDistance!.Value, 1e-12);
        Approx.Equal(30.0, charges.ChargeEurPerMwh(Id(2), Id(3)), 1e-10);
        Approx.Equal(15.0, charges.ChargeEurPerMwh(Id(0), Id(1)), 1e-10);
    }

    [Fact]
    public void ProblemsAreNamed()
    {
        var feeder = Section13Feeder();
        Assert.Contains("-1", new NetworkChargePolicy { LevelEurPerMwh = -1 }.WhyNotApplicable(feeder), StringComparison.Ordinal);
        Assert.Contains("finite", new NetworkChargePolicy { LevelEurPerMwh = double.NaN }.WhyNotApplicable(feeder), StringComparison.Ordinal);
        Assert.Contains("need a grid", new NetworkChargePolicy { LevelEurPerMwh = 1 }.WhyNotApplicable(null), StringComparison.Ordinal);
        Assert.Contains(
            "normalisation",
            new NetworkChargePolicy { LevelEurPerMwh = 1, Basis = new DistanceChargeBasis(ElectricalDistanceMethod.PathImpedance) { NormalisationDistance = 0 } }.WhyNotApplicable(feeder),
            StringComparison.Ordinal);
        Assert.Contains(
            "meshed",
            new NetworkChargePolicy { LevelEurPerMwh = 1, Basis = new DistanceChargeBasis(ElectricalDistanceMethod.PathImpedance) }.WhyNotApplicable(LinDistFlowExampleNetworks.Meshed3()),
            StringComparison.Ordinal);
        Assert.Contains("zone", new NetworkChargePolicy { LevelEurPerMwh = 1, Basis = new ZonalChargeBasis() }.WhyNotApplicable(feeder), StringComparison.Ordinal);
        var ex = Assert.Throws<ArgumentException>(() => new NetworkChargePolicy { LevelEurPerMwh = -2 }.Prepare(feeder));
        Assert.Contains("non-negative", ex.Message, StringComparison.Ordinal);
    }
}
