using Lem.Markets.Clearing;
using Lem.Markets.Distributed;

namespace Lem.Cluster;

/// <summary>
/// Runs a distributed mechanism with its agents as grains (docs/cluster.md): the ADMM loop of Lem.Markets runs
/// unchanged in the caller, talking to the agents through <see cref="OrleansAgentHost"/>.
/// </summary>
public static class ClusterClearing
{
    /// <summary>Runs <paramref name="mechanism"/> on <paramref name="market"/> over the cluster of <paramref name="grains"/>; the counts are the call filter's.</summary>
    /// <exception cref="ArgumentException">When the mechanism is not a distributed one.</exception>
    public static async Task<ClusterRun> RunAsync(IGrainFactory grains, GrainMessageCounter counter, MarketInput market, string mechanism, DistributedOptions? options = null, string? scenarioPath = null)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(counter);
        ArgumentNullException.ThrowIfNull(market);
        var admm = ClearingMechanisms.Get(mechanism) as AdmmMechanism ?? throw new ArgumentException($"Mechanism '{mechanism}' is not a distributed (ADMM) mechanism.", nameof(mechanism));
        using var host = new OrleansAgentHost(grains, mechanism, scenarioPath);
        // The coordination blocks on each grain call (IAgent.Respond is synchronous), so it runs off the caller's thread.
        var result = await Task.Run(() => admm.Run(market, (options ?? DistributedOptions.Default) with { AgentHost = host })).ConfigureAwait(false);
        var (calls, messages, bytes) = counter.Of(host.RunId);
        counter.Forget(host.RunId);
        var silos = await Task.WhenAll(host.Grains.Values.Select(g => g.Silo())).ConfigureAwait(false);
        return new ClusterRun(result, calls, messages, bytes, silos.Distinct(StringComparer.Ordinal).Count(), host.Journal.Replayed, host.Journal.Recoveries);
    }
}
