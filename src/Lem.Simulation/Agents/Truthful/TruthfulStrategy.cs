namespace Lem.Simulation.Agents.Truthful;

/// <summary>The truthful (price-taking) strategy of docs/simulation.md#agents: bids marginal cost and value.</summary>
public sealed class TruthfulStrategy : IAgentStrategy
{
    /// <inheritdoc />
    public string Name => "truthful";

    /// <inheritdoc />
    public string Description => "Submits its assets to a mechanism that schedules them; otherwise per-slot orders at marginal cost and value";

    /// <inheritdoc />
    public IMarketAgent Create(Participant participant, AgentSettings settings)
    {
        ArgumentNullException.ThrowIfNull(participant);
        return new TruthfulAgent(participant.Id);
    }
}
