namespace Lem.Simulation.Agents;

/// <summary>
/// An agent that bids against the others' expected bids (<see cref="AgentView.ExpectedBids"/>): the day loop then
/// estimates every participant's truthful day-ahead bid from its forecast before the agents bid (docs/agents.md#strategic).
/// </summary>
public interface IAnticipatingAgent
{
    /// <summary>The participants the agent takes to be strategic (itself included); null: every participant that sells.</summary>
    IReadOnlySet<ParticipantId>? StrategicIds { get; }
}
