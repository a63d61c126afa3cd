namespace Lem.Markets.Community;

/// <summary>A member's answer to the community manager: its proposed internal net sale q per slot (injection positive).</summary>
/// <param name="SenderId">The member.</param>
/// <param name="Position">Its net sale to the community per slot.</param>
public sealed record CommunityProposal(string SenderId, IReadOnlyList<double> Position) : AgentMessage(SenderId)
{
    /// <inheritdoc/>
    public override int ValueCount => Position.Count;
}
