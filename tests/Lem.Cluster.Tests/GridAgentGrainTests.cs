using Lem.Cluster;
using Lem.Markets.Clearing;
using Lem.Markets.Distributed;
using Lem.Scenarios;
using Lem.Testing;

namespace Lem.Cluster.Tests;

/// <summary>
/// The grid agent as a grain (docs/cluster.md#the-grid-agent-as-a-grain): the village cleared by P2P with a LinDistFlow
/// grid agent on a two-silo TestCluster (about 3 minutes; exchange and community on DC took longer than a CI run can
/// afford and are not in the suite), the grid agent hosted on the cluster with the participants, against the
/// in-process engine: the same welfare (1e-9 relative), iterations, bus prices and message counts.
/// </summary>
public sealed class GridAgentGrainTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    [Theory]
    [Trait("Category", "Heavy")]
    [InlineData("p2p", "lindistflow", GrainTransport.SiloHosts)]
    public async Task Village_with_a_grid_agent_grain_clears_as_in_process(string mechanism, string grid, GrainTransport transport)
    {
        var loaded = ScenarioReader.Load(RepoPaths.InRepo("examples", "village", "scenario.json"));
        Assert.True(loaded.IsValid, string.Join("; ", loaded.Errors));
        var village = loaded.Scenario!;
        var admm = (AdmmMechanism)ClearingMechanisms.Get(mechanism);
        var options = DistributedOptions.Default with { GridFormulation = grid };

        var inProcess = admm.Run(village, options);
        var client = fixture.Cluster.Client;
        var run = await ClusterClearing.RunAsync(client, village, mechanism, options, transport: transport);

        Assert.NotEqual(0m, inProcess.WelfareEur);
        Assert.True(Math.Abs((double)(run.Result.WelfareEur - inProcess.WelfareEur)) <= 1e-9 * Math.Abs((double)inProcess.WelfareEur), $"welfare {run.Result.WelfareEur} with a grid agent grain vs {inProcess.WelfareEur} in process");
        Assert.Equal(inProcess.Iterations, run.Result.Iterations);
        Assert.Equal(inProcess.Messages, run.Messages);
        Assert.Equal(inProcess.Bytes, run.Bytes);
        // The grid agent ran on the cluster: one hosted agent more than the participants and the outside market.
        Assert.Contains("grid-operator", run.AgentIds);
        Assert.NotEmpty(inProcess.BusPricesEurPerMwh);
        Assert.Equal(inProcess.BusPricesEurPerMwh.Count, run.Result.BusPricesEurPerMwh.Count);
        for (var b = 0; b < inProcess.BusPricesEurPerMwh.Count; b++)
        {
            Assert.Equal(inProcess.BusPricesEurPerMwh[b], run.Result.BusPricesEurPerMwh[b]);
        }
    }
}
