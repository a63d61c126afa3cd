using Lem.Markets.Distributed;

namespace Lem.Cluster;

/// <summary>
/// The coordination's handle on an agent grain: <see cref="Respond"/> is a grain call (the agent is opened, built in
/// its grain, on the first message) and a round of them is sent at once (<see cref="IRemoteAgent"/>), so the ADMM
/// loops run unchanged over Orleans (docs/cluster.md#the-transport).
/// </summary>
internal sealed class GrainAgent(IAgentGrain grain, AgentSpec spec) : IRemoteAgent
{
    private readonly Lock _gate = new();
    private Task? _opened;

    /// <inheritdoc />
    public string AgentId => spec.AgentId;

    /// <inheritdoc />
    public AgentMessage Respond(CoordinatorMessage message) => RespondAsync(message).GetAwaiter().GetResult();

    /// <inheritdoc />
    public async Task<AgentMessage> RespondAsync(CoordinatorMessage message)
    {
        Task opened;
        lock (_gate)
        {
            opened = _opened ??= grain.Open(spec);
        }

        await opened.ConfigureAwait(false);
        return await grain.Respond(message).ConfigureAwait(false);
    }
}
