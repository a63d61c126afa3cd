using Lem.Markets.Distributed;

namespace Lem.Cluster;

/// <summary>
/// The Orleans transport (docs/cluster.md#the-transport): every agent of a run becomes the grain "run/agent", and the
/// coordination (a coordinator grain, or any caller) talks to it through grain calls. In process, each agent's builder is registered in
/// <see cref="AgentCatalog"/> for the silos of this process; with a <paramref name="scenarioPath"/>, silos of other
/// processes re-create the agent from the scenario file instead. Each agent's handle logs its messages so that an agent
/// lost with its silo is rebuilt elsewhere and replayed (docs/cluster.md#recovery); <see cref="Journal"/> holds the
/// figures. Dispose the host after the run.
/// </summary>
/// <param name="grains">The cluster client (or a grain factory).</param>
/// <param name="mechanism">The registered mechanism name, for silos that re-create agents from the scenario.</param>
/// <param name="scenarioPath">The scenario file every silo can read, or null to build the agents in this process only.</param>
/// <param name="recovery">The recovery options, or null for <see cref="AgentRecoveryOptions.Default"/>.</param>
public sealed class OrleansAgentHost(IGrainFactory grains, string mechanism, string? scenarioPath = null, AgentRecoveryOptions? recovery = null) : IAgentHost, IDisposable
{
    private readonly List<IDisposable> _registrations = [];
    private readonly Lock _gate = new();

    /// <summary>The run's id: the first part of its grains' keys (a new one unless given).</summary>
    public string RunId { get; init; } = Guid.NewGuid().ToString("N");

    /// <summary>The run's recovery figures (messages replayed, agents recovered, failed calls) and its log bound.</summary>
    public ReplayJournal Journal { get; } = new(recovery);

    /// <summary>Whether the run clears tariff-aware: silos that rebuild agents from the scenario add the tariffs to their costs.</summary>
    public bool TariffAware { get; init; }

    /// <summary>The run's partners per agent (P2P), or null for the default: silos that rebuild agents use the same.</summary>
    public int? PartnersPerAgent { get; init; }

    /// <summary>The run's grid formulation: silos that rebuild the grid agent build it on this one.</summary>
    public string GridFormulation { get; init; } = "copperplate";

    /// <summary>The grains of the run so far, by agent id.</summary>
    public IReadOnlyDictionary<string, IAgentGrain> Grains => _grains;

    private readonly Dictionary<string, IAgentGrain> _grains = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public IAgent Host(string agentId, Func<IAgent> build)
    {
        ArgumentNullException.ThrowIfNull(agentId);
        ArgumentNullException.ThrowIfNull(build);
        var spec = new AgentSpec(RunId, agentId, mechanism, scenarioPath is null ? null : Path.GetFullPath(scenarioPath), TariffAware, PartnersPerAgent, GridFormulation);
        var grain = grains.GetGrain<IAgentGrain>(spec.GrainKey);
        lock (_gate)
        {
            _registrations.Add(AgentCatalog.Register(spec.GrainKey, build));
            _grains[agentId] = grain;
        }

        return new GrainAgent(grain, spec, Journal);
    }

    /// <summary>Removes the run's builders from the catalog.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var r in _registrations)
            {
                r.Dispose();
            }

            _registrations.Clear();
        }
    }
}
