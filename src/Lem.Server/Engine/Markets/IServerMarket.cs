using Lem.Server.Engine.Markets.SealedBids;

namespace Lem.Server.Engine.Markets;

/// <summary>
/// One market of the server, of one kind (continuous, call auction, sealed-bid call auction, pool, or a kind registered in
/// <see cref="ServerMarketKinds"/>). The engine does what every market shares (ids, numbering, validation of an order's
/// fields, the command log, the ledger, gate-closure records) and asks the market for what its kind decides: whether it
/// takes an order, what an order, amendment or cancellation does, what a gate closure clears, and its own views.
/// Implementations derive from <see cref="ServerMarketBase"/>, which gives the common state and the defaults.
/// </summary>
internal interface IServerMarket
{
    /// <summary>The market as created.</summary>
    MarketSpec Spec { get; }

    /// <summary>The orders per slot, in order of submission.</summary>
    Dictionary<int, List<ServerOrder>> OrdersBySlot { get; }

    /// <summary>The trades per slot, in trade order.</summary>
    Dictionary<int, List<ServerTrade>> TradesBySlot { get; }

    /// <summary>The gate closures that have run, per slot.</summary>
    Dictionary<int, GateClosureRecord> Closures { get; }

    /// <summary>Positions cleared without trades (a pool's net injections), per slot and participant; empty for trading markets.</summary>
    IReadOnlyDictionary<int, SortedDictionary<string, ClearedPosition>> ClearedPositions { get; }

    /// <summary>The participant's invoice from the tariff settlement of the market's clearing (JSON), or null when the market has none.</summary>
    JsonNode? TariffInvoice(string participantId);

    /// <summary>The orders of a slot (created on first use).</summary>
    List<ServerOrder> Orders(int slot);

    /// <summary>The trades of a slot (created on first use).</summary>
    List<ServerTrade> Trades(int slot);

    /// <summary>When a slot's gate closes: no orders or commitments from then on.</summary>
    Instant GateClosure(int slot);

    /// <summary>When a slot is due to clear (its gate closure, or later: a sealed market's reveal deadline); never decreasing in the slot.</summary>
    Instant ClearingTime(int slot);

    /// <summary>True when the slot's gate closure ran or its gate-closure time has come.</summary>
    bool GateClosed(int slot, Instant time);

    /// <summary>Adds the kind's own fields to the market's public JSON.</summary>
    void Describe(JsonObject market);

    /// <summary>The refusal of every plain order (a market that takes sealed bids only), or null.</summary>
    CommandResult? RefusePlainOrders();

    /// <summary>The refusal of orders from a participant the market does not admit, or null.</summary>
    CommandResult? RefuseParticipant(string participantId);

    /// <summary>The refusal of a new order of <paramref name="participantId"/> in <paramref name="slot"/> (e.g. beyond the market's cap on open orders), or null.</summary>
    CommandResult? RefuseOrder(string participantId, int slot);

    /// <summary>Takes a new order (already numbered, indexed, logged); returns the trades it made on arrival.</summary>
    IReadOnlyList<ServerTrade> Submit(ServerOrder order, Instant time);

    /// <summary>Amends an open order to a new price and total quantity (<paramref name="openKwh"/> still open); the refusal (422) or null, and the trades made.</summary>
    (CommandResult? Refused, IReadOnlyList<ServerTrade> Trades) Amend(ServerOrder order, decimal priceEurPerMwh, decimal quantityKwh, decimal openKwh, Instant time);

    /// <summary>Cancels an open order (already logged).</summary>
    void Cancel(ServerOrder order, Instant time);

    /// <summary>Clears a slot at its gate closure (the command is logged; the engine then expires what is still open).</summary>
    GateClosureOutcome CloseGate(int slot, Instant time);

    /// <summary>
    /// True while the slot's clearing runs off the sequencer's lock: from the gate_closure command that took the snapshot
    /// until the clearing_result command; orders, amendments and cancellations for the slot are refused meanwhile.
    /// </summary>
    bool IsClearing(int slot);

    /// <summary>
    /// At the gate_closure command of <paramref name="slot"/> (already logged): the clearing to run off the lock on a
    /// snapshot taken now, or null when the market clears inside <see cref="CloseGate"/> under the lock (the default).
    /// </summary>
    DeferredClearing? StartClearing(int slot, Instant time);

    /// <summary>
    /// Applies one part of the result of the clearing started by <see cref="StartClearing"/> (a clearing_result command's
    /// <c>result</c>, already logged; parts come in order), live and on replay alike; <paramref name="last"/> marks the
    /// last part, which ends the clearing. Returns the slots the part closes, whose <see cref="CloseGate"/> then reports
    /// the applied result; after the last part every slot is closed.
    /// </summary>
    IReadOnlyList<int> ApplyClearing(JsonObject part, bool last, Instant time);

    /// <summary>Adds the kind's own fields to a closed slot's public JSON.</summary>
    void DescribeClosure(int slot, JsonObject closure);

    /// <summary>The anonymised depth of a slot (the slot is valid), or why the market shows none.</summary>
    CommandResult Depth(int slot);

    /// <summary>The DSO's grid results, or why the market has none.</summary>
    CommandResult Grid();

    /// <summary>Takes a sealed-bid commitment (its client bid id is new and clashes with no order), or refuses it.</summary>
    CommandResult Commit(SealedBidCommit commit, Instant time);

    /// <summary>Opens one of the market's commitments (not revealed yet), or refuses the reveal.</summary>
    CommandResult Reveal(SealedBidCommitment commitment, SealedBidReveal reveal, Instant time);

    /// <summary>The public view of the market's sealed-bid commitments, or why it has none.</summary>
    CommandResult PublicCommitments();

    /// <summary>
    /// Executes a command of the market's own kind (a <c>market_command</c>: <c>command</c> names it, <c>participant_id</c>
    /// is the caller, the rest are its fields); the engine logs it when the answer is a success. Runs live and on replay.
    /// </summary>
    CommandResult Command(JsonObject command, Instant time);

    /// <summary>The kind's own view of the market for a caller (what that caller may see), or why there is none.</summary>
    CommandResult View(Principal caller);
}
