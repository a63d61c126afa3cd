using Lem.Markets.Distributed;

namespace Lem.Cluster;

/// <summary>
/// The batched Orleans transport (docs/cluster.md#batched-rounds): one host grain per active silo ("run/host-k", placed
/// on silo k), the run's agents dealt to the hosts in turn; each round sends one grain call per host carrying its
/// agents' messages. Agents are built in their host as agent grains build them (<see cref="AgentCatalog"/>), so their
/// private data stays on their silo. Create with <see cref="CreateAsync"/>; dispose after the run.
/// </summary>
public sealed class SiloAgentHost : IAgentHost, IDisposable
{
    private readonly List<IDisposable> _registrations = [];
    private readonly Lock _gate = new();
    private readonly HostBatch[] _hosts;
    private readonly string _mechanism;
    private readonly string? _scenarioPath;
    private readonly List<string> _agentIds = [];
    private readonly bool _tariffAware;
    private readonly int? _partnersPerAgent;
    private readonly string _gridFormulation;
    private int _next;

    private SiloAgentHost(IGrainFactory grains, string mechanism, string? scenarioPath, IReadOnlyList<SiloAddress?> silos, string runId, bool tariffAware, int? partnersPerAgent, string gridFormulation)
    {
        _gridFormulation = gridFormulation;
        RunId = runId;
        _tariffAware = tariffAware;
        _partnersPerAgent = partnersPerAgent;
        _mechanism = mechanism;
        _scenarioPath = scenarioPath is null ? null : Path.GetFullPath(scenarioPath);
        _hosts = [.. silos.Select((s, k) => new HostBatch(grains.GetGrain<IAgentHostGrain>($"{RunId}/host-{k}"), s))];
    }

    /// <summary>The run's id: the first part of its grains' keys.</summary>
    public string RunId { get; }

    /// <summary>The run's host grains that hold at least one agent (one per silo).</summary>
    public IReadOnlyList<IAgentHostGrain> Grains => [.. _hosts.Where(h => h.Count > 0).Select(h => h.Grain)];

    /// <summary>The agents hosted so far, in the order they were registered.</summary>
    public IReadOnlyList<string> AgentIds
    {
        get
        {
            lock (_gate)
            {
                return [.. _agentIds];
            }
        }
    }

    /// <summary>
    /// A host per active silo of the cluster (the silos listed by the management grain, in address order). The run's id
    /// is <paramref name="runId"/>, or a new one; silos that rebuild agents from <paramref name="scenarioPath"/> make
    /// them tariff-aware or not, give them the run's partners and build the grid agent on the run's formulation, as the
    /// run does.
    /// </summary>
    public static async Task<SiloAgentHost> CreateAsync(IGrainFactory grains, string mechanism, string? scenarioPath = null, string? runId = null, bool tariffAware = false, int? partnersPerAgent = null, string gridFormulation = "copperplate")
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(mechanism);
        var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).ConfigureAwait(false);
        SiloAddress?[] silos = [.. hosts.Keys.OrderBy(s => s.ToString(), StringComparer.Ordinal)];
        return new SiloAgentHost(grains, mechanism, scenarioPath, silos.Length > 0 ? silos : [null], runId ?? Guid.NewGuid().ToString("N"), tariffAware, partnersPerAgent, gridFormulation);
    }

    /// <inheritdoc />
    public IAgent Host(string agentId, Func<IAgent> build)
    {
        ArgumentNullException.ThrowIfNull(agentId);
        ArgumentNullException.ThrowIfNull(build);
        var spec = new AgentSpec(RunId, agentId, _mechanism, _scenarioPath, _tariffAware, _partnersPerAgent, _gridFormulation);
        lock (_gate)
        {
            _registrations.Add(AgentCatalog.Register(spec.GrainKey, build));
            _agentIds.Add(agentId);
            var host = _hosts[_next++ % _hosts.Length];
            return host.Add(spec);
        }
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
