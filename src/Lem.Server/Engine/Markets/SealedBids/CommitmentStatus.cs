namespace Lem.Server.Engine.Markets.SealedBids;

/// <summary>What became of a sealed-bid commitment; <see cref="CommitmentStatusNames"/> gives the wire names.</summary>
internal enum CommitmentStatus
{
    /// <summary><c>committed</c>: the hash is in, the bid not yet revealed.</summary>
    Committed,

    /// <summary><c>revealed</c>: bid and salt opened the commitment; the bid is an order.</summary>
    Revealed,

    /// <summary><c>dropped</c>: not revealed by the reveal deadline.</summary>
    Dropped,
}
