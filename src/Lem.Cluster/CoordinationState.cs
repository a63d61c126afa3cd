namespace Lem.Cluster;

/// <summary>Where a coordinator grain's run stands (<see cref="ICoordinatorGrain.Poll"/>).</summary>
[GenerateSerializer]
public enum CoordinationState
{
    /// <summary>The activation knows no run: it was never started, or it is a new activation after its silo was lost.</summary>
    Unknown,

    /// <summary>The coordination is iterating.</summary>
    Running,

    /// <summary>The run ended with a result.</summary>
    Completed,

    /// <summary>The run failed in the mechanism (an agent's local problem infeasible, say); running it again fails again.</summary>
    Failed,

    /// <summary>
    /// The run lost agents it could not rebuild (a silo host's silo gone, or an agent grain's recovery out of time or
    /// log): running it again on the live silos gives the result.
    /// </summary>
    Lost,
}
