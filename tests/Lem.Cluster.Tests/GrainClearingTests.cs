using Lem.Cluster;
using Lem.Markets.Clearing;
using Lem.Markets.Distributed;
using Lem.Scenarios;
using Lem.Testing;

namespace Lem.Cluster.Tests;

/// <summary>
/// The village cleared with its coordinator and agents as grains on a two-silo TestCluster against the in-process
/// engine (docs/cluster.md): the same welfare (1e-9 relative), the same iterations, and the call filter's count of grain
/// messages equal to the in-process loop's count.
/// </summary>
public sealed class GrainClearingTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    [Theory]
    [Trait("Category", "Heavy")]
    [InlineData("exchange")]
    [InlineData("community")]
    [InlineData("p2p")]
    public async Task Village_clears_with_grains_as_in_process(string mechanism)
    {
        var (inProcess, run) = await ClearBothWays(mechanism, GrainTransport.AgentGrains);

        AssertSameAsInProcess(inProcess, run, "grains");

        // Random placement: the village's agents run on both silos.
        Assert.Equal(2, run.SilosUsed);
    }

    [Theory]
    [Trait("Category", "Heavy")]
    [InlineData("exchange")]
    [InlineData("community")]
    [InlineData("p2p")]
    public async Task Village_clears_with_silo_hosts_as_in_process(string mechanism)
    {
        var (inProcess, run) = await ClearBothWays(mechanism, GrainTransport.SiloHosts);

        // Messages are counted per agent as in process, whatever the batching of the grain calls.
        AssertSameAsInProcess(inProcess, run, "silo hosts");

        // One host per silo, placed by hint: both silos hold agents, and a round is at most one call per silo.
        Assert.Equal(2, run.SilosUsed);
        Assert.True(run.GrainCalls <= (2L * run.Result.Iterations) + (2L * inProcess.Positions.Count), $"{run.GrainCalls} grain calls for {run.Result.Iterations} iterations");
    }

    [Fact]
    public async Task A_run_failing_in_its_coordinator_grain_fails_the_caller_as_in_process()
    {
        // ρ = −1 is refused by the ADMM loop; on the cluster the loop runs in the coordinator grain, whose failure must
        // reach the caller as the same exception type and message, not as a timeout or an Orleans error.
        var village = Village();
        var options = DistributedOptions.Default with { Admm = DistributedOptions.Default.Admm with { Rho = -1 } };
        var inProcess = Assert.ThrowsAny<ArgumentException>(() => ((AdmmMechanism)ClearingMechanisms.Get("exchange")).Run(village, options));

        var overGrains = await Assert.ThrowsAnyAsync<ArgumentException>(() => ClusterClearing.RunAsync(fixture.Cluster.Client, village, "exchange", options));
        Assert.Equal(inProcess.Message, overGrains.Message);
    }

    [Fact]
    public void Accounting_of_a_p2p_call_is_one_proposal_per_partner_and_one_residual_message()
    {
        var signal = new Lem.Markets.PeerToPeer.P2pSignal(1, 1.0, ["a", "b", "c"], new double[3 * 4], new double[3 * 4]);
        var answer = new Lem.Markets.PeerToPeer.P2pProposal("x", new double[3 * 4]);
        var (messages, bytes) = MessageAccounting.Of(signal, answer);
        Assert.Equal(4, messages);
        // Three proposals of 4 slots (16 + 4·8 bytes each) and the residual message (16 + 2·8 bytes).
        Assert.Equal((3 * (16 + 32)) + (16 + 16), bytes);
    }

    /// <summary>The village cleared by <paramref name="mechanism"/> in process and over the fixture's cluster with <paramref name="transport"/>.</summary>
    private async Task<(DistributedResult InProcess, ClusterRun Run)> ClearBothWays(string mechanism, GrainTransport transport)
    {
        var village = Village();
        var admm = (AdmmMechanism)ClearingMechanisms.Get(mechanism);

        var inProcess = admm.Run(village);
        var client = fixture.Cluster.Client;
        var run = await ClusterClearing.RunAsync(client, village, mechanism, transport: transport);

        // The coordinator ran as a grain on one of the silos (docs/cluster.md#the-coordinator-as-a-grain), not in the client.
        Assert.Contains(run.CoordinatorSilo, fixture.Cluster.Silos.Select(s => s.SiloAddress.ToString()));
        Assert.Equal(0, run.Restarts);
        return (inProcess, run);
    }

    /// <summary>The bundled village scenario.</summary>
    private static Lem.Pipeline.Scenario Village()
    {
        var loaded = ScenarioReader.Load(RepoPaths.InRepo("examples", "village", "scenario.json"));
        Assert.True(loaded.IsValid, string.Join("; ", loaded.Errors));
        return loaded.Scenario!;
    }

    /// <summary>Same welfare (1e-9 relative), iterations, message and byte counts and positions as in process.</summary>
    private static void AssertSameAsInProcess(DistributedResult inProcess, ClusterRun run, string over)
    {
        Assert.NotEqual(0m, inProcess.WelfareEur);
        Assert.True(Math.Abs((double)(run.Result.WelfareEur - inProcess.WelfareEur)) <= 1e-9 * Math.Abs((double)inProcess.WelfareEur), $"welfare {run.Result.WelfareEur} over {over} vs {inProcess.WelfareEur} in process");
        Assert.Equal(inProcess.Iterations, run.Result.Iterations);
        Assert.Equal(inProcess.Messages, run.Messages);
        Assert.Equal(inProcess.Bytes, run.Bytes);
        Assert.Equal(inProcess.Messages, run.Result.Messages);
        for (var i = 0; i < inProcess.Positions.Count; i++)
        {
            Assert.Equal(inProcess.Positions[i].ParticipantId, run.Result.Positions[i].ParticipantId);
            Assert.Equal(inProcess.Positions[i].NetInjectionKw, run.Result.Positions[i].NetInjectionKw);
        }
    }
}
