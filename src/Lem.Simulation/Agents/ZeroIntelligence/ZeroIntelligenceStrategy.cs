namespace Lem.Simulation.Agents.ZeroIntelligence;

/// <summary>The <c>zi</c> strategy: unconstrained zero intelligence (Gode and Sunder 1993), random prices in [floor, cap] whatever the value or cost.</summary>
public sealed class ZeroIntelligenceStrategy : IAgentStrategy
{
    /// <inheritdoc />
    public string Name => "zi";

    /// <inheritdoc />
    public string Description => "Unconstrained zero intelligence (Gode-Sunder): orders its forecast position per slot at a price uniform in [floor, cap], whatever its value or cost";

    /// <inheritdoc />
    public IMarketAgent Create(Participant participant, AgentSettings settings) => new ZeroIntelligenceAgent(participant, settings, constrained: false);
}
