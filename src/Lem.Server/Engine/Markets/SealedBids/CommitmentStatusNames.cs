namespace Lem.Server.Engine.Markets.SealedBids;

/// <summary>The wire names of <see cref="CommitmentStatus"/>.</summary>
internal static class CommitmentStatusNames
{
    /// <summary>The wire name of a status.</summary>
    public static string Name(CommitmentStatus status) => status switch
    {
        CommitmentStatus.Committed => "committed",
        CommitmentStatus.Revealed => "revealed",
        CommitmentStatus.Dropped => "dropped",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown commitment status."),
    };
}
