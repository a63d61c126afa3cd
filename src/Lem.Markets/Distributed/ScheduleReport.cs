namespace Lem.Markets.Distributed;

/// <summary>An agent's answer to <see cref="ScheduleRequest"/>: each asset's schedule at its final local solution, or null when its closed-form cost does not keep its assets apart.</summary>
/// <param name="SenderId">The agent.</param>
/// <param name="Assets">The schedules (net injections sum to the agent's final net injection with its orders), or null.</param>
public sealed record ScheduleReport(string SenderId, IReadOnlyList<AssetDispatch>? Assets) : AgentMessage(SenderId)
{
    /// <inheritdoc/>
    public override int ValueCount => Assets?.Sum(a => a.NetInjectionKw.Count) ?? 0;
}
