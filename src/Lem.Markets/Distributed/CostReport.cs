namespace Lem.Markets.Distributed;

/// <summary>An agent's answer to <see cref="CostRequest"/>: its own cost (EUR; negative for a net benefit) at its final point.</summary>
/// <param name="SenderId">The agent.</param>
/// <param name="CostEur">Its cost minus utility, EUR.</param>
public sealed record CostReport(string SenderId, double CostEur) : AgentMessage(SenderId)
{
    /// <inheritdoc/>
    public override int ValueCount => 1;
}
