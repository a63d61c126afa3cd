namespace Lem.Markets.Distributed;

/// <summary>
/// After the iterations, the participant's own request to its agent for its assets' schedules at the final local
/// solution (docs/mechanisms/admm.md#asset-schedules): the plan its energy management system executes at delivery.
/// It stays with the participant (the market operator learns nothing from it), so it is not counted as a coordination message.
/// </summary>
public sealed record ScheduleRequest() : CoordinatorMessage(0)
{
    /// <inheritdoc/>
    public override int ValueCount => 0;
}
