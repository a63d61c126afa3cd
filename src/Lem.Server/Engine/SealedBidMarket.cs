using System.Text.Json.Nodes;

namespace Lem.Server.Engine;

/// <summary>
/// The sealed-bid state of a call-auction market created with <c>sealed_bids</c>: the reveal window and the commitments per
/// slot. Commitments are accepted until a slot's gate closure, reveals from gate closure until the reveal deadline, and the
/// slot clears at the deadline with the revealed bids only.
/// </summary>
internal sealed class SealedBidMarket
{
    /// <summary>Creates the sealed-bid state of a market.</summary>
    public SealedBidMarket(MarketSpec spec, int revealWindowSeconds)
    {
        Spec = spec;
        RevealWindowSeconds = revealWindowSeconds;
    }

    /// <summary>The market.</summary>
    public MarketSpec Spec { get; }

    /// <summary>How long after a slot's gate closure its bids can be revealed, in seconds.</summary>
    public int RevealWindowSeconds { get; }

    /// <summary>The commitments per slot, in order of commitment.</summary>
    public Dictionary<int, List<SealedBidCommitment>> CommitmentsBySlot { get; } = [];

    /// <summary>The sealed-bid summary of each cleared slot (counts and dropped commitments), as published with the gate closure.</summary>
    public Dictionary<int, JsonObject> ClearedSummaries { get; } = [];

    /// <summary>The reveal deadline of a slot, when it clears: its gate closure plus the reveal window.</summary>
    public DateTimeOffset RevealDeadline(int slot) => Spec.GateClosure(slot).AddSeconds(RevealWindowSeconds);

    /// <summary>The commitments of a slot (created on first use).</summary>
    public List<SealedBidCommitment> Commitments(int slot)
    {
        if (!CommitmentsBySlot.TryGetValue(slot, out var list))
        {
            list = [];
            CommitmentsBySlot.Add(slot, list);
        }

        return list;
    }
}
