using Lem.Domain.Validation;
using Lem.Grid.Indexing;
using Lem.Grid.Network;
using Lem.Grid.Topology;
using Lem.Testing;

namespace Lem.Grid.Tests;

public class TopologyTests
{
    [SharedFact]
    public void Case33bw_without_its_open_ties_is_radial()
    {
        // 33 buses; 37 branches of which the 5 ties are out of service -> 32 branches: a tree.
        var report = GridTopology.Analyze(NetworkIndex.Build(TestGrids.Load("matpower", "case33bw.m")));

        Assert.True(report.IsRadial);
        Assert.True(report.IsConnected);
        Assert.True(report.AllReachable);
        var island = Assert.Single(report.Islands);
        Assert.Equal(33, island.BusIndices.Length);
        Assert.Equal(32, island.BranchCount);
    }

    [SharedFact]
    public void Case33bw_with_its_ties_closed_is_meshed()
    {
        var net = TestGrids.Load("matpower", "case33bw.m");
        var meshed = net with { Lines = net.Lines.Select(l => l with { InService = true }).ToList() };

        Assert.False(GridTopology.Analyze(NetworkIndex.Build(meshed)).IsRadial);
    }

    [SharedFact]
    public void Case9_is_meshed()
    {
        var report = GridTopology.Analyze(NetworkIndex.Build(TestGrids.Load("matpower", "case9.m")));

        Assert.False(report.IsRadial);
        Assert.True(report.IsConnected);
        Assert.Empty(report.UnreachableBusIds);
    }

    [SharedFact]
    public void Parallel_branches_count_as_a_loop()
    {
        var net = TestGrids.Load("benchmark", "radial1001.m");
        var doubled = net with { Lines = [.. net.Lines, net.Lines[3] with { Id = "extra" }] };

        Assert.True(GridTopology.Analyze(NetworkIndex.Build(net)).IsRadial);
        Assert.False(GridTopology.Analyze(NetworkIndex.Build(doubled)).IsRadial);
    }

    [SharedFact]
    public void Taking_a_feeder_line_out_islands_the_buses_behind_it()
    {
        // radial1001.m: branch row k feeds bus k+1; feeder 0 is buses 2..11. Branch 5 (5 -> 6) out leaves 6..11 unfed.
        var net = TestGrids.Load("benchmark", "radial1001.m");
        var cut = net with { Lines = net.Lines.Select(l => l.Id == "5" ? l with { InService = false } : l).ToList() };

        var report = GridTopology.Analyze(NetworkIndex.Build(cut));

        Assert.Equal(2, report.Islands.Length);
        Assert.Equal(["6", "7", "8", "9", "10", "11"], report.UnreachableBusIds.Select(b => b.Value));
        Assert.False(report.Islands[1].HasSlack);
        Assert.True(report.Islands[1].IsTree);
        Assert.True(report.IsRadial);

        var errors = GridTopology.Validate(cut, "radial1001.m");
        var error = Assert.Single(errors);
        Assert.Equal(ValidationCodes.GridIslanded, error.Code);
        Assert.Equal("radial1001.m", error.Path);
        Assert.Contains("6 buses", error.Message, StringComparison.Ordinal);
        Assert.Contains("6, 7, 8, 9, 10 and 1 more", error.Message, StringComparison.Ordinal);
    }

    [SharedFact]
    public void A_grid_without_slack_is_reported()
    {
        var net = TestGrids.Load("matpower", "case9.m");
        var noSlack = net with { Buses = net.Buses.Select(b => b.Type == BusType.Slack ? b with { Type = BusType.Pv } : b).ToList() };

        var error = Assert.Single(GridTopology.Validate(noSlack, "$.grid"));

        Assert.Equal(ValidationCodes.GridNoSlack, error.Code);
        Assert.Equal("$.grid", error.Path);
    }

    [Fact]
    public void External_grids_make_slack_buses_of_inline_networks()
    {
        var net = new GridNetwork
        {
            Name = "inline",
            Buses = [new Bus { Id = new BusId("a"), NominalKv = 0.4 }, new Bus { Id = new BusId("b"), NominalKv = 0.4 }],
            Lines = [new Line { Id = "l1", FromBus = new BusId("a"), ToBus = new BusId("b"), RPu = 0.1, XPu = 0.1 }],
            ExternalGrids = [new ExternalGrid { Id = "g", Bus = new BusId("b"), VmPu = 1.03 }],
        };

        Assert.Equal([new BusId("b")], net.SlackBusIds);
        Assert.Empty(GridTopology.Validate(net, "$.grid"));
        var index = NetworkIndex.Build(net);
        Assert.Equal(BusType.Slack, index.BusTypes[index.IndexOf(new BusId("b"))]);
        Assert.Equal(1.03, index.VmSetpointPu[index.IndexOf(new BusId("b"))]);

        var off = net with { ExternalGrids = [net.ExternalGrids[0] with { InService = false }] };
        Assert.Empty(off.SlackBusIds);
        Assert.Equal(ValidationCodes.GridNoSlack, Assert.Single(GridTopology.Validate(off, "$.grid")).Code);
    }

    [Fact]
    public void Inconsistent_inline_networks_are_reported_not_thrown()
    {
        var net = new GridNetwork
        {
            Name = "inline",
            Buses =
            [
                new Bus { Id = new BusId("a"), NominalKv = 0.4, Type = BusType.Slack },
                new Bus { Id = new BusId("a"), NominalKv = 0.4 },
            ],
            Lines = [new Line { Id = "l1", FromBus = new BusId("a"), ToBus = new BusId("b"), RPu = 0.1, XPu = double.NaN }],
            Loads = [new Load { Id = "x", Bus = new BusId("c"), PMw = 1 }],
        };

        var errors = GridTopology.Validate(net, "$.grid");

        Assert.Equal(
            [ValidationCodes.GridInvalid, ValidationCodes.GridInvalid, ValidationCodes.IdDuplicate, ValidationCodes.ValueNotFinite],
            errors.Select(e => e.Code));
    }
}
