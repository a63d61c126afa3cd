namespace Lem.Simulation.Agents;

/// <summary>
/// One market participant's bidding behaviour over the days of a simulation (docs/simulation.md#agents). An agent
/// turns what it knows (<see cref="AgentView"/>) into what it submits; the day loop does the rest.
/// </summary>
public interface IMarketAgent
{
    /// <summary>The participant this agent bids for.</summary>
    ParticipantId Id { get; }

    /// <summary>
    /// The participant as it enters the day-ahead market: its assets (only when
    /// <see cref="AgentView.MechanismSchedulesAssets"/>) and/or explicit orders per slot of the day.
    /// </summary>
    Participant DayAhead(AgentView view);

    /// <summary>
    /// The agent's intraday orders for the day's remaining slots, given the updated (intraday) forecast in
    /// <paramref name="view"/> and its day-ahead net position per slot (kW, injection positive). Orders for the
    /// deviations it wants to close; an empty list when it leaves them to the imbalance settlement.
    /// </summary>
    IReadOnlyList<Order> Intraday(AgentView view, IReadOnlyList<double> positionKw);
}
