namespace Lem.Simulation.Agents;

/// <summary>A bidding strategy (truthful, zi-c, zi, mpc, …): makes the agent of one participant. One file per strategy.</summary>
public interface IAgentStrategy
{
    /// <summary>The name the option --agents takes.</summary>
    string Name { get; }

    /// <summary>One sentence on what the strategy bids.</summary>
    string Description { get; }

    /// <summary>Makes the agent of <paramref name="participant"/> (as the day source describes it).</summary>
    IMarketAgent Create(Participant participant, AgentSettings settings);
}
