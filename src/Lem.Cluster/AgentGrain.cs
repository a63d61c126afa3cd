using Lem.Markets.Distributed;

namespace Lem.Cluster;

/// <summary>
/// The grain of one agent: it builds the agent from <see cref="AgentCatalog"/> when opened and answers the coordination
/// messages; the agent's costs, assets and iterates never leave the grain. Random placement spreads a run's agents
/// over the silos (docs/cluster.md#agents-as-grains).
/// </summary>
/// <param name="catalog">Where the silo finds the agents' builders or scenarios.</param>
[Orleans.Placement.RandomPlacementAttribute]
internal sealed class AgentGrain(AgentCatalog catalog) : Grain, IAgentGrain
{
    private IAgent? _agent;
    private AgentSpec? _spec;

    /// <inheritdoc />
    public Task Open(AgentSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (_agent is null || _spec != spec)
        {
            _agent = catalog.Build(spec);
            _spec = spec;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<AgentMessage> Respond(CoordinatorMessage message)
    {
        var agent = _agent ?? throw new InvalidOperationException($"Agent grain '{this.GetPrimaryKeyString()}' was not opened (or lost its activation).");
        return Task.FromResult(agent.Respond(message));
    }

    /// <inheritdoc />
    public Task<string> Silo() => Task.FromResult(RuntimeIdentity);
}
