namespace Lem.Simulation.Agents.Strategic;

/// <summary>The <c>strategic</c> strategy: a Cournot player that withholds quantity to its best response (docs/agents.md#strategic).</summary>
public sealed class StrategicStrategy : IAgentStrategy
{
    /// <inheritdoc />
    public string Name => "strategic";

    /// <inheritdoc />
    public string Description => "Cournot player (FORMULATIONS §16 in docs/games.md): from the others' expected truthful bids it builds its residual demand per slot and offers its equilibrium quantity, withholding (curtailing) the rest";

    /// <inheritdoc />
    public IMarketAgent Create(Participant participant, AgentSettings settings)
    {
        ArgumentNullException.ThrowIfNull(participant);
        ArgumentNullException.ThrowIfNull(settings);
        return new StrategicAgent(participant.Id, settings.StrategicIds);
    }
}
