using Lem.Markets.Distributed;

namespace Lem.Cluster;

/// <summary>
/// The grain of one agent: it builds the agent from <see cref="AgentCatalog"/> when opened and answers the coordination
/// messages; the agent's costs, assets and iterates never leave the grain. Random placement spreads a run's agents
/// over the silos (docs/cluster.md#agents-as-grains). It counts the messages it has answered since it was built, so a
/// coordinator notices a lost or repeated message and replays (docs/cluster.md#recovery).
/// </summary>
/// <param name="catalog">Where the silo finds the agents' builders or scenarios.</param>
[Orleans.Placement.RandomPlacementAttribute]
internal sealed class AgentGrain(AgentCatalog catalog) : Grain, IAgentGrain
{
    private IAgent? _agent;
    private AgentSpec? _spec;
    private long _answered;

    /// <inheritdoc />
    public Task Open(AgentSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (_agent is null || _spec != spec)
        {
            _agent = catalog.Build(spec);
            _spec = spec;
            _answered = 0;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<AgentMessage> Respond(CoordinatorMessage message)
    {
        var agent = _agent ?? throw new AgentActivationLostException($"Agent grain '{this.GetPrimaryKeyString()}' was not opened (or lost its activation).");
        if (RequestContext.Get(AgentSequence.Key) is long expected && expected != _answered)
        {
            throw new AgentActivationLostException($"Agent grain '{this.GetPrimaryKeyString()}' has answered {_answered} messages; the coordinator counts {expected}.");
        }

        var answer = agent.Respond(message);
        _answered++;
        return Task.FromResult(answer);
    }

    /// <inheritdoc />
    public Task Reset(AgentSpec spec, CoordinatorMessage[] replay)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(replay);
        _agent = null;
        var agent = catalog.Build(spec);
        foreach (var message in replay)
        {
            agent.Respond(message);
        }

        _agent = agent;
        _spec = spec;
        _answered = replay.Length;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<long> Answered() => Task.FromResult(_answered);

    /// <inheritdoc />
    public Task<string> Silo() => Task.FromResult(RuntimeIdentity);
}
