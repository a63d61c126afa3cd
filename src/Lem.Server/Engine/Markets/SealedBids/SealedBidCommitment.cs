namespace Lem.Server.Engine.Markets.SealedBids;

/// <summary>A participant's commitment to a sealed bid in one slot of a sealed-bid call auction, and what became of it.</summary>
/// <param name="commit">The commitment as the participant sent it.</param>
/// <param name="marketId">The market.</param>
/// <param name="committedAt">When it was committed.</param>
internal sealed class SealedBidCommitment(SealedBidCommit commit, string marketId, Instant committedAt)
{
    /// <summary>The owner.</summary>
    public string ParticipantId { get; } = commit.ParticipantId;

    /// <summary>The owner's id for the bid; the revealed bid becomes an order with this client order id.</summary>
    public string ClientBidId { get; } = commit.ClientBidId;

    /// <summary>The market.</summary>
    public string MarketId { get; } = marketId;

    /// <summary>The delivery slot.</summary>
    public int Slot { get; } = commit.Slot;

    /// <summary>The commitment: lower-case hex SHA-256 of the canonical bid JSON followed by the salt (<see cref="Lem.Ledger.SealedBid"/>).</summary>
    public string CommitmentHex { get; } = commit.CommitmentHex;

    /// <summary>When it was committed (the revealed order's time priority).</summary>
    public Instant CommittedAt { get; } = committedAt;

    /// <summary>Committed, revealed or dropped (not revealed by the reveal deadline).</summary>
    public CommitmentStatus Status { get; set; } = CommitmentStatus.Committed;

    /// <summary>The order number of the revealed bid, or null.</summary>
    public long? OrderNumber { get; set; }

    /// <summary>When it was revealed, or null.</summary>
    public Instant? RevealedAt { get; set; }

    /// <summary>The fingerprint of the accepted reveal, compared on a retry.</summary>
    public string? RevealFingerprint { get; set; }

    /// <summary>The JSON body of the accepted reveal's answer (a retry gets it again).</summary>
    public string? RevealBody { get; set; }

    /// <summary>The JSON body of the first answer to the commit (a retry gets it again).</summary>
    public string CommitBody { get; set; } = string.Empty;

    /// <summary>The ledger record the commit was answered under (a retry gets it again), or null.</summary>
    public LedgerStamp? CommitLedger { get; set; }

    /// <summary>The ledger record the reveal was answered under (a retry gets it again), or null.</summary>
    public LedgerStamp? RevealLedger { get; set; }

    /// <summary>The commitment as its owner sees it.</summary>
    public JsonObject ToJson() => new()
    {
        ["client_bid_id"] = ClientBidId,
        ["participant_id"] = ParticipantId,
        ["market_id"] = MarketId,
        ["slot"] = Slot,
        ["commitment"] = CommitmentHex,
        ["status"] = CommitmentStatusNames.Name(Status),
        ["committed_at"] = WireTime.Text(CommittedAt),
        ["revealed_at"] = RevealedAt is { } r ? WireTime.Text(r) : null,
        ["order_number"] = OrderNumber,
    };
}
