using Lem.Markets.Clearing;
using Lem.Markets.Distributed;

namespace Lem.Cluster;

/// <summary>
/// Runs a distributed mechanism with its agents as grains (docs/cluster.md): the ADMM loop of Lem.Markets runs
/// unchanged in the caller, talking to the agents through <see cref="OrleansAgentHost"/> (one grain per agent) or
/// <see cref="SiloAgentHost"/> (one host grain per silo, one call per silo and round; docs/cluster.md#batched-rounds).
/// </summary>
public static class ClusterClearing
{
    /// <summary>Runs <paramref name="mechanism"/> on <paramref name="market"/> over the cluster of <paramref name="grains"/>; the counts are the call filter's.</summary>
    /// <exception cref="ArgumentException">When the mechanism is not a distributed one.</exception>
    public static async Task<ClusterRun> RunAsync(IGrainFactory grains, GrainMessageCounter counter, MarketInput market, string mechanism, DistributedOptions? options = null, string? scenarioPath = null, GrainTransport transport = GrainTransport.AgentGrains)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(counter);
        ArgumentNullException.ThrowIfNull(market);
        var admm = ClearingMechanisms.Get(mechanism) as AdmmMechanism ?? throw new ArgumentException($"Mechanism '{mechanism}' is not a distributed (ADMM) mechanism.", nameof(mechanism));
        string runId;
        DistributedResult result;
        string[] silos;
        string[] ids;
        long replayed = 0, recoveries = 0;
        if (transport == GrainTransport.SiloHosts)
        {
            using var host = await SiloAgentHost.CreateAsync(grains, mechanism, scenarioPath).ConfigureAwait(false);
            runId = host.RunId;
            // The coordination blocks on each round (IAgent.Respond is synchronous), so it runs off the caller's thread.
            result = await Task.Run(() => admm.Run(market, (options ?? DistributedOptions.Default) with { AgentHost = host })).ConfigureAwait(false);
            silos = await Task.WhenAll(host.Grains.Select(g => g.Silo())).ConfigureAwait(false);
            ids = [.. host.AgentIds];
        }
        else
        {
            using var host = new OrleansAgentHost(grains, mechanism, scenarioPath);
            runId = host.RunId;
            result = await Task.Run(() => admm.Run(market, (options ?? DistributedOptions.Default) with { AgentHost = host })).ConfigureAwait(false);
            silos = await Task.WhenAll(host.Grains.Values.Select(g => g.Silo())).ConfigureAwait(false);
            ids = [.. host.Grains.Keys];
            (replayed, recoveries) = (host.Journal.Replayed, host.Journal.Recoveries);
        }

        var (calls, messages, bytes) = counter.Of(runId);
        counter.Forget(runId);
        return new ClusterRun(result, calls, messages, bytes, silos.Distinct(StringComparer.Ordinal).Count(), ids, replayed, recoveries);
    }
}
