namespace Lem.Server.Engine.Markets.SealedBids;

/// <summary>A commit_sealed_bid command, as read by the engine.</summary>
/// <param name="ParticipantId">The committing participant.</param>
/// <param name="ClientBidId">Its id for the bid.</param>
/// <param name="Slot">The delivery slot.</param>
/// <param name="CommitmentHex">The commitment (lower-case hex SHA-256).</param>
/// <param name="Payload">The command's fields (logged when accepted).</param>
internal sealed record SealedBidCommit(string ParticipantId, string ClientBidId, int Slot, string CommitmentHex, JsonObject Payload);
