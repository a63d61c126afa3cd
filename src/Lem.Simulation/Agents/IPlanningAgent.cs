using Lem.Markets.Pool;

namespace Lem.Simulation.Agents;

/// <summary>
/// An agent that plans its own assets' schedule when it bids (a truthful agent in an order-only market, an MPC
/// agent). At delivery its storage follows this plan where the actual state allows (docs/simulation.md#delivery);
/// the day loop asks after <see cref="IMarketAgent.DayAhead"/>.
/// </summary>
public interface IPlanningAgent
{
    /// <summary>The planned schedule of the agent's assets for the day it last bid for, or null when it has none.</summary>
    IReadOnlyList<AssetDispatch>? PlannedDispatch { get; }
}
