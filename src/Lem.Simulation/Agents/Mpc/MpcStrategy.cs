namespace Lem.Simulation.Agents.Mpc;

/// <summary>The <c>mpc</c> strategy: a model-predictive prosumer that plans its assets over a rolling horizon and orders the plan.</summary>
public sealed class MpcStrategy : IAgentStrategy
{
    /// <inheritdoc />
    public string Name => "mpc";

    /// <inheritdoc />
    public string Description => "Model-predictive prosumer (HEMS): solves its own LP over a 24-48 h rolling horizon with its forecast and the price forecast, and orders the day's net positions";

    /// <inheritdoc />
    public IMarketAgent Create(Participant participant, AgentSettings settings) => new MpcAgent(participant, settings);
}
