namespace Lem.Simulation.Agents.ZeroIntelligence;

/// <summary>The <c>zi-c</c> strategy: zero intelligence with constraint (Gode and Sunder 1993), random prices that never trade at a loss.</summary>
public sealed class ZeroIntelligenceConstrainedStrategy : IAgentStrategy
{
    /// <inheritdoc />
    public string Name => "zi-c";

    /// <inheritdoc />
    public string Description => "Zero intelligence with constraint (Gode-Sunder): orders its forecast position per slot at a random price that never trades at a loss (bids up to the retail price, asks from the feed-in price)";

    /// <inheritdoc />
    public IMarketAgent Create(Participant participant, AgentSettings settings) => new ZeroIntelligenceAgent(participant, settings, constrained: true);
}
