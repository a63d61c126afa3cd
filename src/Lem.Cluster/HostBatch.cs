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
    /// <summary>
    /// The largest batch sent in one call, in estimated encoded bytes: Orleans refuses message bodies above its
    /// maximum (100 MB by default), which one silo's P2P signals reach at about 8,000 agents.
    /// </summary>
    internal const long MaxCallBytes = 16L << 20;

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

        // Consecutive chunks of at most MaxCallBytes each (one call in all but the largest rounds), sent at once.
        var calls = new List<Task<AgentBatchAnswers>>();
        var start = 0;
        long size = 0;
        for (var i = 0; i < slots.Length; i++)
        {
            var bytes = i > 0 && ReferenceEquals(messages[i], messages[i - 1]) ? 8L : messages[i].EncodedBytes + (16L * messages[i].IndexCount);
            if (i > start && size + bytes > MaxCallBytes)
            {
                calls.Add(grain.Respond(new AgentBatch(slots[start..i], [.. messages.Skip(start).Take(i - start)])));
                (start, size) = (i, 0);
            }

            size += bytes;
        }

        calls.Add(grain.Respond(new AgentBatch(slots[start..], [.. messages.Skip(start)])));
        var parts = await Task.WhenAll(calls).ConfigureAwait(false);
        return parts.Length == 1 ? parts[0].Answers : [.. parts.SelectMany(p => p.Answers)];
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

            // Random placement honours this hint when the call activates the host (docs/cluster.md#batched-rounds).
            var open = silo is null ? grain.Open(first, pending) : RequestValue.With(IPlacementDirector.PlacementHintKey, silo, () => grain.Open(first, pending));
            await open.ConfigureAwait(false);
            _opened = first + pending.Length;
        }
        finally
        {
            _opening.Release();
        }
    }
}
