using Lem.Grid.Indexing;
using Lem.Grid.Network;
using Lem.Testing;

namespace Lem.Grid.Tests;

public class NetworkIndexTests
{
    [SharedFact]
    public void Case9_index_has_injection_positive_per_unit_arrays()
    {
        // case9: baseMVA 100; load 90 + j30 MW at bus 5; generator 2 (bus 2) Pg 163, Qg 6.54; branch 1 (1-4) rateA 250.
        var net = TestGrids.Load("matpower", "case9.m");
        var index = NetworkIndex.Build(net);

        Assert.Equal(9, index.BusCount);
        Assert.Equal(9, index.BranchCount);
        var b5 = index.IndexOf(new BusId("5"));
        Approx.Equal(-0.9, index.PInjPu[b5], 1e-15);
        Approx.Equal(-0.3, index.QInjPu[b5], 1e-15);
        Approx.Equal(0.9, index.PLoadPu[b5], 1e-15);
        var b2 = index.IndexOf(new BusId("2"));
        Approx.Equal(1.63, index.PInjPu[b2], 1e-15);
        Approx.Equal(0.0654, index.QInjPu[b2], 1e-15);
        Assert.Equal(BusType.Pv, index.BusTypes[b2]);
        Assert.Equal(1.025, index.VmSetpointPu[b2]);
        Assert.Equal([index.IndexOf(new BusId("1"))], index.SlackIndices.ToArray());
        Assert.Equal(BusType.Slack, index.BusTypes[index.SlackIndices[0]]);
        Assert.Equal(2.5, index.RatingPu[0]);
        Assert.Equal(index.IndexOf(new BusId("1")), index.FromIndex[0]);
        Assert.Equal(index.IndexOf(new BusId("4")), index.ToIndex[0]);
        Assert.Equal(0.0576, index.XPu[0]);
        Assert.Equal(0.158, index.BPu[1]);
        Assert.All(index.TapRatio, t => Assert.Equal(1.0, t));
        Assert.All(index.BranchKinds, k => Assert.Equal(BranchKind.Line, k));
        Assert.Equal(new BusId("7"), index.BusIdOf(index.IndexOf(new BusId("7"))));
        Assert.False(index.TryIndexOf(new BusId("99"), out _));
        Assert.Throws<ArgumentException>(() => index.IndexOf(new BusId("99")));
        Assert.Throws<ArgumentOutOfRangeException>(() => index.BusIdOf(9));
        Assert.Equal(0.9, index.VmMinPu[b5]);
        Assert.Equal(345, index.BaseKv[b5]);
    }

    [SharedFact]
    public void Shunts_and_transformers_enter_the_index_in_matpower_convention()
    {
        // case118 bus 5: Bs = -40 MVAr -> BShPu = -0.4; branch row 8: 8 -> 5, ratio 0.985.
        var index = NetworkIndex.Build(TestGrids.Load("matpower", "case118.m"));

        Approx.Equal(-0.4, index.BShPu[index.IndexOf(new BusId("5"))], 1e-15);
        Assert.Equal(0, index.GShPu[index.IndexOf(new BusId("5"))]);
        var k = index.BranchIds.IndexOf("8");
        Assert.Equal(BranchKind.Transformer, index.BranchKinds[k]);
        Assert.Equal(0.985, index.TapRatio[k]);
        Assert.Equal(index.IndexOf(new BusId("8")), index.FromIndex[k]);
        Assert.Equal(double.PositiveInfinity, index.RatingPu[k]);
    }

    [SharedFact]
    public void Cigre_lv_closed_bus_switches_merge_buses()
    {
        // cigre_lv: closed bus-bus switches join bus 0 with buses 1, 20 and 23 -> 44 - 3 = 41 solver buses;
        // 37 lines + 3 trafos = 40 branches.
        var net = TestGrids.Load("pandapower", "cigre_lv.json");
        var index = NetworkIndex.Build(net);

        Assert.Equal(41, index.BusCount);
        Assert.Equal(40, index.BranchCount);
        var merged = index.IndexOf(new BusId("0"));
        Assert.Equal(merged, index.IndexOf(new BusId("1")));
        Assert.Equal(merged, index.IndexOf(new BusId("20")));
        Assert.Equal(merged, index.IndexOf(new BusId("23")));
        Assert.Equal(new BusId("0"), index.BusIdOf(merged));
        Assert.Equal([new BusId("0"), new BusId("1"), new BusId("20"), new BusId("23")], index.MembersOf(merged).ToArray());
        Assert.Equal([merged], index.SlackIndices.ToArray());
        Assert.Equal(3, index.BranchKinds.Count(k => k == BranchKind.Transformer));
        Assert.All(Enumerable.Range(0, index.BranchCount), k => Assert.NotEqual(index.FromIndex[k], index.ToIndex[k]));
        // Total load in per unit equals the network total (sn_mva 1).
        Approx.Equal(net.TotalLoadPMw, index.PLoadPu.Sum(), 1e-12);
        Assert.True(Topology.GridTopology.Analyze(index).IsRadial);
    }

    [SharedFact]
    public void Cigre_mv_open_line_switches_remove_their_lines()
    {
        // cigre_mv: open switches S1 (bus 8, line 14), S2 (bus 7, line 12), S3 (bus 4, line 13) open the three ring ties;
        // 15 lines - 3 + 2 trafos = 14 branches for 15 buses: a tree.
        var index = NetworkIndex.Build(TestGrids.Load("pandapower", "cigre_mv.json"));

        Assert.Equal(15, index.BusCount);
        Assert.Equal(14, index.BranchCount);
        var lineIds = index.BranchIds.Where((_, k) => index.BranchKinds[k] == BranchKind.Line).ToList();
        Assert.DoesNotContain("12", lineIds);
        Assert.DoesNotContain("13", lineIds);
        Assert.DoesNotContain("14", lineIds);
        Assert.Contains("11", lineIds);
        var report = Topology.GridTopology.Analyze(index);
        Assert.True(report.IsRadial);
        Assert.True(report.AllReachable);
    }

    [SharedFact]
    public void Static_generators_inject_and_loads_consume()
    {
        // cigre_mv_der_pv_wind bus 7: wind 1.5 MW minus load 0.0765 MW -> +1.4235 p.u. (sn_mva 1);
        // Q: -0.047410441887837. Bus 1: load only, -19.839 MW. (Summed from the JSON tables with a script.)
        var index = NetworkIndex.Build(TestGrids.Load("pandapower", "cigre_mv_der_pv_wind.json"));

        var b7 = index.IndexOf(new BusId("7"));
        Approx.Equal(1.4235, index.PInjPu[b7], 1e-12);
        Approx.Equal(-0.047410441887837, index.QInjPu[b7], 1e-12);
        Approx.Equal(1.5, index.PGenPu[b7], 1e-15);
        Approx.Equal(-19.839, index.PInjPu[index.IndexOf(new BusId("1"))], 1e-12);
        Assert.Equal(9, index.StaticGenerators.Length);
        Assert.Equal(b7, index.StaticGeneratorBusIndex[index.StaticGenerators.IndexOf(index.StaticGenerators.Single(s => s.Name == "WKA 7"))]);
    }

    [SharedFact]
    public void Out_of_service_buses_and_their_branches_and_elements_are_left_out()
    {
        // case9 with bus 9 out of service: branches 8-9 and 9-4 and the load at bus 9 drop out.
        var net = TestGrids.Load("matpower", "case9.m");
        var variant = net with { Buses = net.Buses.Select(b => b.Id.Value == "9" ? b with { InService = false } : b).ToList() };

        var index = NetworkIndex.Build(variant);

        Assert.Equal(8, index.BusCount);
        Assert.Equal(7, index.BranchCount);
        Assert.False(index.TryIndexOf(new BusId("9"), out _));
        Assert.Equal(2, index.Loads.Length);
        Approx.Equal(-1.9, index.PInjPu.Where(p => p < 0).Sum(), 1e-12);
    }

    [SharedFact]
    public void Radial1001_loads_map_to_their_buses_for_profiles()
    {
        // README: pandapower load k sits at bus k+1.
        var index = NetworkIndex.Build(TestGrids.Load("benchmark", "radial1001.json"));

        Assert.Equal(1000, index.Loads.Length);
        for (var k = 0; k < 1000; k += 111)
        {
            Assert.Equal(k.ToString(System.Globalization.CultureInfo.InvariantCulture), index.Loads[k].Id);
            Assert.Equal(new BusId((k + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)), index.BusIdOf(index.LoadBusIndex[k]));
        }

        Assert.Equal(1.05, index.VmSetpointPu[index.SlackIndices[0]]);
        Assert.Equal(17.320508075688775, index.RatingPu[0], 12);
    }

    [SharedFact]
    public void Dangling_references_are_api_misuse_for_build()
    {
        var net = TestGrids.Load("matpower", "case9.m");
        var broken = net with { Lines = [.. net.Lines, net.Lines[0] with { Id = "x", ToBus = new BusId("77") }] };

        var ex = Assert.Throws<ArgumentException>(() => NetworkIndex.Build(broken));
        Assert.Contains("77", ex.Message, StringComparison.Ordinal);
    }
}
