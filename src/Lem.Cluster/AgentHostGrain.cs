using Lem.Markets.Distributed;

namespace Lem.Cluster;

/// <summary>
/// The grain that hosts a run's agents on one silo (docs/cluster.md#batched-rounds). Each agent is built from
/// <see cref="AgentCatalog"/> as an agent grain builds it and answers its own messages; the host only spares one grain
/// call and one serialisation per agent and round. Placed by the run on the silo it names (a placement hint honoured
/// by random placement).
/// </summary>
/// <param name="catalog">Where the silo finds the agents' builders or scenarios.</param>
[Orleans.Placement.RandomPlacementAttribute]
internal sealed class AgentHostGrain(AgentCatalog catalog) : Grain, IAgentHostGrain
{
    /// <summary>Below this many messages a batch is answered on the grain's own thread.</summary>
    private const int ParallelFrom = 16;

    private readonly List<IAgent> _agents = [];
    private readonly List<AgentSpec> _specs = [];

    /// <inheritdoc />
    public Task Open(int first, IReadOnlyList<AgentSpec> specs)
    {
        ArgumentNullException.ThrowIfNull(specs);
        if (first > _agents.Count)
        {
            throw new AgentActivationLostException($"Host '{this.GetPrimaryKeyString()}' has {_agents.Count} agents and cannot open slot {first}.");
        }

        for (var i = 0; i < specs.Count; i++)
        {
            var slot = first + i;
            if (slot < _agents.Count)
            {
                if (_specs[slot] != specs[i])
                {
                    _agents[slot] = catalog.Build(specs[i]);
                    _specs[slot] = specs[i];
                }

                continue;
            }

            _agents.Add(catalog.Build(specs[i]));
            _specs.Add(specs[i]);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<AgentBatchAnswers> Respond(AgentBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var n = batch.Agents.Count;
        var answers = new AgentMessage[n];
        foreach (var slot in batch.Agents)
        {
            if (slot < 0 || slot >= _agents.Count)
            {
                throw new AgentActivationLostException($"Host '{this.GetPrimaryKeyString()}' has no agent in slot {slot} (not opened, or the activation was lost).");
            }
        }

        // Each agent answers only its own message, so answering them on several threads gives the same answers. The
        // agents run on the thread pool, off the grain's single-threaded scheduler: an agent's own parallel loops (the
        // grid agent's per-slot projections) would otherwise queue their workers behind the turn that waits for them.
        var agents = _agents;
        await Task.Run(() =>
        {
            if (n >= ParallelFrom)
            {
                Parallel.For(0, n, i => answers[i] = agents[batch.Agents[i]].Respond(batch.Messages[i]));
            }
            else
            {
                for (var i = 0; i < n; i++)
                {
                    answers[i] = agents[batch.Agents[i]].Respond(batch.Messages[i]);
                }
            }
        }).ConfigureAwait(true);

        return new AgentBatchAnswers(answers);
    }

    /// <inheritdoc />
    public Task<string> Silo() => Task.FromResult(RuntimeIdentity);
}
