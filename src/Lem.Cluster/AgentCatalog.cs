using System.Collections.Concurrent;
using Lem.Markets.Distributed;

namespace Lem.Cluster;

/// <summary>
/// How a silo finds an agent's private data (docs/cluster.md#agents-as-grains): a run started in this process registers
/// each agent's builder (the scenario is already in memory); a silo in another process re-creates the agent from the
/// scenario file named in its <see cref="AgentSpec"/> through the mechanism's <see cref="AgentFactory"/>.
/// </summary>
public sealed class AgentCatalog
{
    private static readonly ConcurrentDictionary<string, Func<IAgent>> Builders = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Path, string Mechanism, bool TariffAware, int? Partners), AgentFactory> _factories = new();

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

        var factory = _factories.GetOrAdd((path, spec.Mechanism, spec.TariffAware, spec.PartnersPerAgent), key => Factory(key.Path, key.Mechanism, key.TariffAware, key.Partners));
        return factory.Build(spec.AgentId);
    }

    /// <summary>The agents of the run as the pipeline builds them: the scenario's tariffs when tariff-aware, the run's partners.</summary>
    private static AgentFactory Factory(string path, string mechanism, bool tariffAware, int? partners)
    {
        var (scenario, admm, options) = ScenarioRebuild.Load(path, mechanism, tariffAware, partners);
        return admm.Agents(scenario, options);
    }

    private sealed class Registration(string key) : IDisposable
    {
        public void Dispose() => Builders.TryRemove(key, out _);
    }
}
