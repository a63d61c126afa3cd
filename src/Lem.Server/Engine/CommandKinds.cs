namespace Lem.Server.Engine;

/// <summary>The kinds of commands in the command log.</summary>
internal static class CommandKinds
{
    /// <summary>The operator creates a market.</summary>
    public const string CreateMarket = "create_market";

    /// <summary>The operator registers a participant or DSO.</summary>
    public const string RegisterParticipant = "register_participant";

    /// <summary>A participant submits an order.</summary>
    public const string SubmitOrder = "submit_order";

    /// <summary>A participant amends an order.</summary>
    public const string AmendOrder = "amend_order";

    /// <summary>A participant cancels an order.</summary>
    public const string CancelOrder = "cancel_order";

    /// <summary>The clock closes a slot's gate (and clears a call auction; a scenario market takes the snapshot it clears off the sequencer's lock).</summary>
    public const string GateClosure = "gate_closure";

    /// <summary>
    /// One part of the result of a clearing that ran off the sequencer's lock (a scenario market's), as its canonical
    /// payload (<c>market_id</c>, <c>part</c>, <c>parts</c>, <c>result</c>): applying the parts in order closes the market's
    /// slots; a replay applies the stored parts instead of solving again (docs/server-clearing.md).
    /// </summary>
    public const string ClearingResult = "clearing_result";

    /// <summary>A participant commits to a sealed bid (the hash of bid and salt) before gate closure.</summary>
    public const string CommitSealedBid = "commit_sealed_bid";

    /// <summary>A participant reveals a sealed bid and its salt after gate closure, before the reveal deadline.</summary>
    public const string RevealSealedBid = "reveal_sealed_bid";

    /// <summary>A command of a market's own kind (a flexibility market's offers, requests and orders).</summary>
    public const string MarketCommand = "market_command";
}
