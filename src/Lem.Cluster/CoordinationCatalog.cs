using System.Collections.Concurrent;
using Lem.Markets.Clearing;
using Lem.Markets.Distributed;

namespace Lem.Cluster;

/// <summary>
/// How a coordinator grain finds its run's market (docs/cluster.md#the-coordinator-as-a-grain): a run started in the
/// silos' process registers its market and options (network charges, parameters, a redispatch's trimmed market all
/// included); a silo in another process rebuilds them from the scenario file the spec names, as the agents' silos do.
/// </summary>
public static class CoordinationCatalog
{
    private static readonly ConcurrentDictionary<string, (MarketInput Market, DistributedOptions Options)> Runs = new(StringComparer.Ordinal);

    /// <summary>Registers a run's market and options for coordinators in this process; the returned handle removes them.</summary>
    public static IDisposable Register(string runId, MarketInput market, DistributedOptions options)
    {
        ArgumentNullException.ThrowIfNull(runId);
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(options);
        Runs[runId] = (market, options);
        return new Registration(runId);
    }

    /// <summary>The market and options of a spec's run: the registered ones, or those rebuilt from its scenario file.</summary>
    /// <exception cref="InvalidOperationException">When the run is neither registered nor rebuildable from a scenario file.</exception>
    public static (MarketInput Market, DistributedOptions Options) Resolve(CoordinationSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (Runs.TryGetValue(spec.RunId, out var registered))
        {
            return registered;
        }

        if (spec.ScenarioPath is not { } path)
        {
            throw new InvalidOperationException($"Run '{spec.RunId}' is not registered in this silo's process and names no scenario file to rebuild its market from.");
        }

        var (scenario, _, options) = ScenarioRebuild.Load(path, spec.Mechanism, spec.TariffAware, spec.PartnersPerAgent, spec.GridFormulation);
        return (scenario, options);
    }

    private sealed class Registration(string runId) : IDisposable
    {
        public void Dispose() => Runs.TryRemove(runId, out _);
    }
}
