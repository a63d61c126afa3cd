using Lem.Cluster;
using Lem.Markets.Clearing;
using Lem.Markets.Distributed;
using Lem.Pipeline;
using Lem.Scenarios;
using Lem.Testing;

namespace Lem.Cluster.Tests;

/// <summary>
/// The recovery of docs/cluster.md#recovery without a cluster: the village's ADMM clearing through grain handles whose
/// grains lose their state (or their replies) mid-run ends with the in-process engine's result, the replays counted
/// apart from the run's messages; with the log bound exceeded, a lost agent fails the run instead.
/// </summary>
public sealed class ReplayRecoveryTests
{
    /// <summary>A household of the village, an agent of every distributed mechanism.</summary>
    private const string Twice = "h01";

    private static readonly AgentRecoveryOptions Fast = new() { FirstRetryDelay = TimeSpan.FromMilliseconds(1), MaxRetryDelay = TimeSpan.FromMilliseconds(5) };

    [Theory]
    [Trait("Category", "Heavy")]
    [InlineData("exchange")]
    [InlineData("p2p")]
    public void Lost_agents_are_rebuilt_and_replayed_to_the_in_process_result(string mechanism)
    {
        var village = Village();
        var admm = (AdmmMechanism)ClearingMechanisms.Get(mechanism);
        var inProcess = admm.Run(village);
        Assert.True(inProcess.Iterations > 20, $"{inProcess.Iterations} iterations");

        // Every third agent loses its silo at message 7 and a reply at message 15; household h01 loses its silo twice.
        // (In the exchange the outside market is the supervisor's own term, not an agent: docs/mechanisms/admm.md#the-coordinators-own-term.)
        var index = 0;
        var host = new FlakyAgentHost(
            id => id == Twice
                ? new Dictionary<long, FlakyAgentGrain.Failure> { [3] = FlakyAgentGrain.Failure.SiloLost, [11] = FlakyAgentGrain.Failure.SiloLost }
                : Interlocked.Increment(ref index) % 3 == 0
                    ? new Dictionary<long, FlakyAgentGrain.Failure> { [7] = FlakyAgentGrain.Failure.SiloLost, [15] = FlakyAgentGrain.Failure.ReplyLost }
                    : new Dictionary<long, FlakyAgentGrain.Failure>(),
            Fast);
        var recovered = admm.Run(village, DistributedOptions.Default with { AgentHost = host });

        Assert.Equal(inProcess.Iterations, recovered.Iterations);
        Assert.Equal(inProcess.WelfareEur, recovered.WelfareEur);
        Assert.Equal(inProcess.Messages, recovered.Messages);
        for (var i = 0; i < inProcess.Positions.Count; i++)
        {
            Assert.Equal(inProcess.Positions[i].NetInjectionKw, recovered.Positions[i].NetInjectionKw);
        }

        // Each failing call is followed by one reset: a silo lost at call 7 replays the 7 messages answered; the reply
        // lost at call 15 (message 14, the 8th having been resent) replays 14; h01 replays 3, then 10.
        var failing = index / 3;
        Assert.True(failing > 0);
        Assert.Equal((2 * failing) + 2, host.Journal.Recoveries);
        Assert.Equal((2 * failing) + 2, host.Journal.FailedCalls);
        Assert.Equal((failing * (7 + 14)) + 3 + 10, host.Journal.Replayed);
        Assert.Equal((2 * failing) + 2, host.Grains.Sum(g => g.Resets));
    }

    [Fact]
    public void Without_logs_a_lost_agent_fails_the_run()
    {
        var village = Village();
        var admm = (AdmmMechanism)ClearingMechanisms.Get("exchange");
        var host = new FlakyAgentHost(
            id => id == Twice ? new Dictionary<long, FlakyAgentGrain.Failure> { [30] = FlakyAgentGrain.Failure.SiloLost } : new Dictionary<long, FlakyAgentGrain.Failure>(),
            Fast with { MaxLoggedBytes = 2_000 });
        var e = Assert.ThrowsAny<Exception>(() => admm.Run(village, DistributedOptions.Default with { AgentHost = host }));
        Assert.Contains("silo unavailable (test)", e.ToString(), StringComparison.Ordinal);
        Assert.True(host.Journal.Dropped);
        Assert.Equal(0, host.Journal.Recoveries);
    }

    private static Scenario Village()
    {
        var loaded = ScenarioReader.Load(RepoPaths.InRepo("examples", "village", "scenario.json"));
        Assert.True(loaded.IsValid, string.Join("; ", loaded.Errors));
        return loaded.Scenario!;
    }
}
