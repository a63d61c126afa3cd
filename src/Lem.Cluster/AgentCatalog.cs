using System.Collections.Concurrent;
using Lem.Markets.Distributed;
using Lem.Markets.Distributed.Grid;

namespace Lem.Cluster;

/// <summary>
/// How a silo finds an agent's private data (docs/cluster.md#agents-as-grains): a run started in this process registers
/// each agent's builder (the scenario is already in memory); a silo in another process re-creates the agent from the
/// scenario file named in its <see cref="AgentSpec"/> through the mechanism's <see cref="AgentFactory"/> (the grid agent
/// through <see cref="AdmmMechanism.BuildGridAgent"/> on the spec's formulation).
/// </summary>
public sealed class AgentCatalog
{
    private static readonly ConcurrentDictionary<string, Func<IAgent>> Builders = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Path, string Mechanism, bool TariffAware, int? Partners, string Grid), Lazy<Rebuilt>> _runs = new();

    /// <summary>Registers an agent's builder for grains in this process; the returned handle removes it.</summary>
    public static IDisposable Register(string grainKey, Func<IAgent> build)
    {
        Builders[grainKey] = build;
        return new Registration(grainKey);
    }

    /// <summary>Builds the agent of a spec.</summary>
    /// <exception cref="InvalidOperationException">When the agent is neither registered nor re-creatable from a scenario file.</exception>
    public IAgent Build(AgentSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (Builders.TryGetValue(spec.GrainKey, out var build))
        {
            return build();
        }

        if (spec.ScenarioPath is not { } path)
        {
            throw new InvalidOperationException($"Agent '{spec.GrainKey}' is not registered in this silo's process and names no scenario file to re-create it from.");
        }

        var run = _runs.GetOrAdd((path, spec.Mechanism, spec.TariffAware, spec.PartnersPerAgent, spec.GridFormulation), key => new Lazy<Rebuilt>(() => Rebuild(key.Path, key.Mechanism, key.TariffAware, key.Partners, key.Grid))).Value;
        return spec.AgentId == GridAgent.OperatorId && spec.GridFormulation != "copperplate" ? run.Mechanism.BuildGridAgent(run.Scenario, run.Options) : run.Agents.Build(spec.AgentId);
    }

    /// <summary>The run as the pipeline builds it: the scenario's tariffs when tariff-aware, the run's partners and grid.</summary>
    private static Rebuilt Rebuild(string path, string mechanism, bool tariffAware, int? partners, string grid)
    {
        var (scenario, admm, options) = ScenarioRebuild.Load(path, mechanism, tariffAware, partners, grid);
        return new Rebuilt(scenario, admm, options, admm.Agents(scenario, options));
    }

    /// <summary>A run rebuilt from its scenario file: what its agents and its grid agent are built from.</summary>
    private sealed record Rebuilt(Lem.Pipeline.Scenario Scenario, AdmmMechanism Mechanism, DistributedOptions Options, AgentFactory Agents);

    private sealed class Registration(string key) : IDisposable
    {
        public void Dispose() => Builders.TryRemove(key, out _);
    }
}
