using Lem.Markets.Distributed;
using Orleans.Runtime.Placement;

namespace Lem.Cluster;

/// <summary>
/// The transport to one host grain (docs/cluster.md#batched-rounds): it opens the agents registered since the last
/// round on the host (placed on its silo by a placement hint) and sends each round's messages to them in one call.
/// </summary>
/// <param name="grain">The host grain.</param>
/// <param name="silo">The silo the host should activate on, or null to let Orleans choose.</param>
internal sealed class HostBatch(IAgentHostGrain grain, SiloAddress? silo) : IAgentBatch
{
    private readonly Lock _gate = new();
    private readonly List<AgentSpec> _specs = [];
    private readonly SemaphoreSlim _opening = new(1, 1);
    private int _opened;

    /// <summary>The host grain.</summary>
    public IAgentHostGrain Grain => grain;

    /// <summary>The agents registered on the host.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _specs.Count;
            }
        }
    }

    /// <summary>Registers an agent on the host; it is built there before the next round.</summary>
    public HostedAgent Add(AgentSpec spec)
    {
        lock (_gate)
        {
            _specs.Add(spec);
            return new HostedAgent(spec.AgentId, this, _specs.Count - 1);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AgentMessage>> RespondAsync(IReadOnlyList<IBatchedAgent> agents, IReadOnlyList<CoordinatorMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(agents);
        ArgumentNullException.ThrowIfNull(messages);
        await OpenAsync().ConfigureAwait(false);
        var slots = new int[agents.Count];
        for (var i = 0; i < slots.Length; i++)
        {
            slots[i] = agents[i] is HostedAgent a && ReferenceEquals(a.Batch, this) ? a.Slot : throw new ArgumentException($"Agent '{agents[i].AgentId}' is not hosted by this batch.", nameof(agents));
        }

        var answers = await grain.Respond(new AgentBatch(slots, [.. messages])).ConfigureAwait(false);
        return answers.Answers;
    }

    private async Task OpenAsync()
    {
        await _opening.WaitAsync().ConfigureAwait(false);
        try
        {
            AgentSpec[] pending;
            int first;
            lock (_gate)
            {
                first = _opened;
                pending = [.. _specs.Skip(first)];
            }

            if (pending.Length == 0)
            {
                return;
            }

            Task open;
            if (silo is not null)
            {
                // Random placement honours this hint when the call activates the host (docs/cluster.md#batched-rounds).
                RequestContext.Set(IPlacementDirector.PlacementHintKey, silo);
                try
                {
                    open = grain.Open(first, pending);
                }
                finally
                {
                    RequestContext.Remove(IPlacementDirector.PlacementHintKey);
                }
            }
            else
            {
                open = grain.Open(first, pending);
            }

            await open.ConfigureAwait(false);
            _opened = first + pending.Length;
        }
        finally
        {
            _opening.Release();
        }
    }
}
