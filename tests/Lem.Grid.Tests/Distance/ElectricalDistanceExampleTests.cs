using Lem.Grid.Distance;
using Lem.Grid.Network;
using Lem.Grid.Tests.Formulations;
using Lem.Testing;
using static Lem.Grid.Tests.Distance.DistanceNetworks;

namespace Lem.Grid.Tests.Distance;

/// <summary>docs/network-charges.md#worked-example: the electrical distances, and the meshed 3-bus grid of docs/formulations.md for the PTDF distance.</summary>
public sealed class ElectricalDistanceExampleTests
{
    [NativeTheory(NativeLibraries.Klu)]
    [InlineData(0.0)]
    [InlineData(2.0)]
    [InlineData(0.35)]
    public void Section13Feeder_ReZbus_IsTheWorkedMatrix_WhateverTheReactance(double xOverR)
    {
        var r = ElectricalDistance.ResistanceMatrix(Section13Feeder(xOverR));

        Assert.Equal(Id(0), r.Reference);
        double[,] expected = { { 0.01, 0.01, 0.01 }, { 0.01, 0.03, 0.01 }, { 0.01, 0.01, 0.04 } };
        for (var i = 1; i <= 3; i++)
        {
            Assert.Equal(0.0, r.Between(Id(0), Id(i)));
            for (var j = 1; j <= 3; j++)
            {
                Approx.Equal(expected[i - 1, j - 1], r.Between(Id(i), Id(j)), 1e-13, what: $"R{i}{j}");
            }
        }
    }

    [NativeTheory(NativeLibraries.Klu)]
    [InlineData(ElectricalDistanceMethod.PathImpedance, 0.0)]
    [InlineData(ElectricalDistanceMethod.ResistanceDistance, 0.0)]
    [InlineData(ElectricalDistanceMethod.ResistanceDistance, 2.0)]
    public void Section13Feeder_Distances_AreThePathSums(ElectricalDistanceMethod method, double xOverR)
    {
        var d = ElectricalDistance.Compute(Section13Feeder(xOverR), method);

        Assert.Equal(method, d.Method);
        Approx.Equal(0.02, d.Between(Id(1), Id(2)), 1e-13, what: "d12");
        Approx.Equal(0.03, d.Between(Id(1), Id(3)), 1e-13, what: "d13");
        Approx.Equal(0.05, d.Between(Id(2), Id(3)), 1e-13, what: "d23");
        Approx.Equal(0.04, d.Between(Id(0), Id(3)), 1e-13, what: "d03");
        Approx.Equal(0.05, d.Max, 1e-13, what: "max");

        // Mean over the 6 distinct pairs: (0.01 + 0.03 + 0.04 + 0.02 + 0.03 + 0.05) / 6.
        Approx.Equal(0.18 / 6, d.Mean, 1e-13, what: "mean");
        Assert.Equal(["0", "1", "2", "3"], d.Buses.Select(b => b.Value));
    }

    [NativeFact(NativeLibraries.Klu)]
    public void Section13Feeder_ResistanceDistance_IsFormedFromReZbus()
    {
        var network = Section13Feeder(1.0);
        var r = ElectricalDistance.ResistanceMatrix(network);
        var d = ElectricalDistance.Compute(network, ElectricalDistanceMethod.ResistanceDistance);
        foreach (var a in d.Buses)
        {
            foreach (var b in d.Buses)
            {
                Approx.Equal(r.Between(a, a) + r.Between(b, b) - (2 * r.Between(a, b)), d.Between(a, b), 1e-14, what: $"d{a}{b}");
            }
        }
    }

    [NativeTheory(NativeLibraries.Klu)]
    [InlineData(null)]
    [InlineData(0.05)]
    public void Section13Feeder_Charges_AreTheWorkedExample(double? normalisation)
    {
        // γ = 1 c€/kWh = 10 EUR/MWh and d̄ = 0.05 (also the largest distance of the feeder).
        var policy = new NetworkChargePolicy
        {
            LevelEurPerMwh = 10,
            Basis = new DistanceChargeBasis(ElectricalDistanceMethod.ResistanceDistance) { NormalisationDistance = normalisation },
        };

        var charges = policy.Prepare(Section13Feeder());

        Approx.Equal(0.05, charges.NormalisationDistance!.Value, 1e-13);
        Approx.Equal(4.0, charges.ChargeEurPerMwh(Id(1), Id(2)), 1e-10, what: "c12 = 0.4 c€/kWh");
        Approx.Equal(6.0, charges.ChargeEurPerMwh(Id(1), Id(3)), 1e-10, what: "c13 = 0.6 c€/kWh");
        Approx.Equal(10.0, charges.ChargeEurPerMwh(Id(2), Id(3)), 1e-10, what: "c23 = 1.0 c€/kWh");
        Approx.Equal(10.0, charges.ChargeEurPerMwh(Id(3), Id(2)), 1e-10, what: "c32");
        Assert.Equal(0.0, charges.ChargeEurPerMwh(Id(2), Id(2)));
        Approx.Equal(0.05, charges.DistanceBetween(Id(2), Id(3))!.Value, 1e-13);
    }

    [Fact]
    public void Section13Feeder_PathImpedanceMagnitude_SumsAbsZ()
    {
        var network = Section13Feeder(xOverR: 0.75); // |z| = 1.25·r
        var d = ElectricalDistance.Compute(network, ElectricalDistanceMethod.PathImpedance, new ElectricalDistanceOptions { PathUsesImpedanceMagnitude = true });

        Approx.Equal(1.25 * 0.05, d.Between(Id(2), Id(3)), 1e-13);
        Approx.Equal(1.25 * 0.04, d.Between(Id(3), Id(0)), 1e-13);
        Assert.True(d.Options.PathUsesImpedanceMagnitude);
    }

    [NativeTheory(NativeLibraries.Klu)]
    [InlineData("3")]
    [InlineData("1")]
    public void Section2Meshed3_PtdfDistance_IsFourThirdsForEveryPair(string slack)
    {
        var d = ElectricalDistance.Compute(LinDistFlowExampleNetworks.Meshed3(slack), ElectricalDistanceMethod.Ptdf);

        foreach (var (a, b) in new[] { ("1", "2"), ("1", "3"), ("2", "3") })
        {
            Approx.Equal(4.0 / 3.0, d.Between(new BusId(a), new BusId(b)), 1e-12, what: $"d{a}{b}");
        }

        Approx.Equal(4.0 / 3.0, d.Max, 1e-12);
        Approx.Equal(4.0 / 3.0, d.Mean, 1e-12);
    }

    [Fact]
    public void Section2Meshed3_PathImpedance_IsRefusedWithTheReason()
    {
        var network = LinDistFlowExampleNetworks.Meshed3();

        var why = ElectricalDistance.WhyNotApplicable(network, ElectricalDistanceMethod.PathImpedance);

        Assert.NotNull(why);
        Assert.Contains("meshed", why, StringComparison.Ordinal);
        var ex = Assert.Throws<ArgumentException>(() => ElectricalDistance.Compute(network, ElectricalDistanceMethod.PathImpedance));
        Assert.Contains("meshed", ex.Message, StringComparison.Ordinal);
        Assert.Null(ElectricalDistance.WhyNotApplicable(network, ElectricalDistanceMethod.ResistanceDistance));
    }

    [NativeFact(NativeLibraries.Klu)]
    public void Triangle_ResistanceDistance_OfEqualImpedances_IsTheParallelPath()
    {
        // Equal impedances z on a triangle: between two buses, z in parallel with 2z, that is 2z/3.
        var network = Build("triangle", 3, [(0, 1, 0.03, 0.1), (0, 2, 0.03, 0.1), (1, 2, 0.03, 0.1)]);
        var d = ElectricalDistance.Compute(network, ElectricalDistanceMethod.ResistanceDistance);
        Approx.Equal(0.02, d.Between(Id(1), Id(2)), 1e-14);
        Approx.Equal(0.02, d.Between(Id(0), Id(2)), 1e-14);
    }

    [Fact]
    public void Islands_AreRefusedNamingTwoBuses()
    {
        var network = Build("two islands", 4, [(0, 1, 0.01, 0.01), (2, 3, 0.01, 0.01)]);

        foreach (var method in Enum.GetValues<ElectricalDistanceMethod>())
        {
            var why = ElectricalDistance.WhyNotApplicable(network, method);
            Assert.NotNull(why);
            Assert.Contains("2 islands", why, StringComparison.Ordinal);
            Assert.Contains("bus 0", why, StringComparison.Ordinal);
            Assert.Contains("bus 2", why, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Ptdf_ZeroReactance_IsRefused()
    {
        var network = Build("x0", 3, [(0, 1, 0.01, 0.0), (1, 2, 0.01, 0.02)]);
        var why = ElectricalDistance.WhyNotApplicable(network, ElectricalDistanceMethod.Ptdf);
        Assert.NotNull(why);
        Assert.Contains("L0", why, StringComparison.Ordinal);
        Assert.Contains("zero reactance", why, StringComparison.Ordinal);
    }

    [NativeFact(NativeLibraries.Klu)]
    public void SwitchesAndOutOfServiceBranches_FollowTheSolverView()
    {
        // A triangle 0–1–2 with line 1–2 out of service is the radial feeder 1–0–2; bus 3 is merged into bus 2 by a closed
        // bus-bus switch and feeds bus 4; bus 5 is out of service.
        var network = Build("switched", 6, [(0, 1, 0.01, 0.02), (0, 2, 0.02, 0.01), (1, 2, 0.05, 0.05), (3, 4, 0.03, 0.03)]);
        network = network with
        {
            Buses = [.. network.Buses.Select(b => b.Id == Id(5) ? b with { InService = false } : b)],
            Lines = [.. network.Lines.Select(l => l.Id == "L2" ? l with { InService = false } : l)],
            Switches = [new Switch("S23", Id(2), "3", SwitchElementType.Bus, Closed: true)],
        };

        var path = ElectricalDistance.Compute(network, ElectricalDistanceMethod.PathImpedance);
        var resistance = ElectricalDistance.Compute(network, ElectricalDistanceMethod.ResistanceDistance);

        Assert.Equal(["0", "1", "2", "3", "4"], path.Buses.Select(b => b.Value));
        Assert.False(path.Contains(Id(5)));
        Assert.Equal(0.0, path.Between(Id(2), Id(3)));
        Assert.Equal(0.0, resistance.Between(Id(3), Id(2)));
        Approx.Equal(0.03, path.Between(Id(1), Id(3)), 1e-14);
        Approx.Equal(0.06, path.Between(Id(1), Id(4)), 1e-14);
        Approx.Equal(0.06, resistance.Between(Id(1), Id(4)), 1e-13);

        // Mean over the 10 distinct pairs of 5 user buses, the merged pair (2, 3) at distance 0.
        var ids = path.Buses;
        var sum = 0.0;
        for (var i = 0; i < ids.Count; i++)
        {
            for (var j = i + 1; j < ids.Count; j++)
            {
                sum += path.Between(ids[i], ids[j]);
            }
        }

        Approx.Equal(sum / 10, path.Mean, 1e-14);
        Assert.Throws<ArgumentException>(() => path.Between(Id(5), Id(0)));
    }

    [NativeFact(NativeLibraries.Klu)]
    public void ZeroImpedanceBranch_JoinsItsEnds()
    {
        var network = Build("z0", 4, [(0, 1, 0.01, 0.01), (1, 2, 0.0, 0.0), (2, 3, 0.02, 0.01), (0, 3, 0.03, 0.03)]);
        var d = ElectricalDistance.Compute(network, ElectricalDistanceMethod.ResistanceDistance);
        var same = Build("merged", 3, [(0, 1, 0.01, 0.01), (1, 2, 0.02, 0.01), (0, 2, 0.03, 0.03)]);
        var reference = ElectricalDistance.Compute(same, ElectricalDistanceMethod.ResistanceDistance);

        Assert.Equal(0.0, d.Between(Id(1), Id(2)));
        Approx.Equal(reference.Between(Id(1), Id(2)), d.Between(Id(2), Id(3)), 1e-14);
        Approx.Equal(reference.Between(Id(0), Id(2)), d.Between(Id(0), Id(3)), 1e-14);
    }
}
