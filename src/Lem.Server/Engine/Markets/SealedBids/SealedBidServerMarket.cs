using Lem.Server.Engine.Markets.CallAuction;

namespace Lem.Server.Engine.Markets.SealedBids;

/// <summary>
/// A sealed-bid call auction (commit–reveal), a call auction created with <c>sealed_bids</c>: commitments are accepted
/// until a slot's gate closure, reveals from gate closure until the reveal deadline, and the slot clears at the deadline
/// with the revealed bids only; commitments never revealed are dropped. Plain orders are refused.
/// </summary>
internal sealed class SealedBidServerMarket : CallAuctionServerMarket
{
    /// <summary>The most commitments one participant may hold in one slot.</summary>
    public const int MaxCommitmentsPerParticipantAndSlot = 100;

    /// <summary>Creates the market.</summary>
    public SealedBidServerMarket(MarketSpec spec, IMarketHost host, int revealWindowSeconds)
        : base(spec, host, maxOpenOrdersPerParticipant: null)
    {
        RevealWindowSeconds = revealWindowSeconds;
    }

    /// <summary>How long after a slot's gate closure its bids can be revealed, in seconds.</summary>
    public int RevealWindowSeconds { get; }

    /// <summary>The commitments per slot, in order of commitment.</summary>
    public Dictionary<int, List<SealedBidCommitment>> CommitmentsBySlot { get; } = [];

    /// <summary>The sealed-bid summary of each cleared slot (counts and dropped commitments), as published with the gate closure.</summary>
    public Dictionary<int, JsonObject> ClearedSummaries { get; } = [];

    /// <summary>The bid a reveal opens, as the commitment hashes it: <c>{"price_eur_per_mwh", "quantity_kwh", "side"}</c> in canonical JSON.</summary>
    public static JsonObject SealedBidJson(string side, decimal priceEurPerMwh, decimal quantityKwh) => new()
    {
        ["side"] = side,
        ["price_eur_per_mwh"] = priceEurPerMwh,
        ["quantity_kwh"] = quantityKwh,
    };

    /// <summary>The reveal deadline of a slot, when it clears: its gate closure plus the reveal window.</summary>
    public Instant RevealDeadline(int slot) => GateClosure(slot) + Duration.FromSeconds(RevealWindowSeconds);

    /// <inheritdoc />
    public override Instant ClearingTime(int slot) => RevealDeadline(slot);

    /// <inheritdoc />
    public override void Describe(JsonObject market)
    {
        ArgumentNullException.ThrowIfNull(market);
        market["sealed_bids"] = true;
        market["reveal_window_seconds"] = RevealWindowSeconds;
    }

    /// <inheritdoc />
    public override CommandResult? RefusePlainOrders() => new(409, Views.Problem(409, "Sealed-bid market.",
        $"market_id: the market '{Spec.MarketId}' takes sealed bids only: commit with POST /v1/markets/{Spec.MarketId}/commitments before gate closure, "
        + $"then reveal with POST /v1/markets/{Spec.MarketId}/reveals.",
        new Dictionary<string, string> { ["market_id"] = "takes sealed bids only" }));

    /// <inheritdoc />
    public override GateClosureOutcome CloseGate(int slot, Instant time)
    {
        var outcome = base.CloseGate(slot, time);
        DropUnrevealed(slot);
        return outcome;
    }

    /// <inheritdoc />
    public override void DescribeClosure(int slot, JsonObject closure)
    {
        ArgumentNullException.ThrowIfNull(closure);
        if (ClearedSummaries.TryGetValue(slot, out var summary))
        {
            closure["sealed_bids"] = summary.DeepClone();
        }
    }

    /// <inheritdoc />
    public override CommandResult Commit(SealedBidCommit commit, Instant time)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var slot = commit.Slot;
        if (slot < 0 || slot >= Spec.SlotCount)
        {
            return Views.Invalid("slot", $"must be in [0, {Spec.SlotCount - 1}] for market '{Spec.MarketId}'.");
        }

        if (GateClosed(slot, time))
        {
            return new CommandResult(409, Views.Problem(409, "Gate closed.",
                $"slot: the gate of slot {slot} closed at {WireTime.Text(GateClosure(slot))}; commitments are no longer accepted.",
                new Dictionary<string, string> { ["slot"] = "gate closed" }));
        }

        var inSlot = Commitments(slot);
        if (inSlot.Count(c => c.ParticipantId == commit.ParticipantId) >= MaxCommitmentsPerParticipantAndSlot)
        {
            return new CommandResult(409, Views.Problem(409, "Too many commitments.",
                $"slot: you hold {MaxCommitmentsPerParticipantAndSlot} commitments in slot {slot} already, the most allowed.",
                new Dictionary<string, string> { ["slot"] = "too many commitments" }));
        }

        var record = new SealedBidCommitment(commit, Spec.MarketId, time);
        Host.AddCommitment(record);
        inSlot.Add(record);
        Host.Accept(CommandKinds.CommitSealedBid, commit.Payload, time);
        var body = record.ToJson();
        record.CommitBody = body.ToJsonString();
        return new CommandResult(201, body);
    }

    /// <inheritdoc />
    public override CommandResult Reveal(SealedBidCommitment commitment, SealedBidReveal reveal, Instant time)
    {
        ArgumentNullException.ThrowIfNull(commitment);
        ArgumentNullException.ThrowIfNull(reveal);
        var c = commitment;
        var gate = GateClosure(c.Slot);
        var deadline = RevealDeadline(c.Slot);
        if (time < gate)
        {
            return new CommandResult(409, Views.Problem(409, "Too early.",
                $"client_bid_id: bids of slot {c.Slot} can be revealed from its gate closure at {WireTime.Text(gate)} until {WireTime.Text(deadline)}.",
                new Dictionary<string, string> { ["client_bid_id"] = "reveal window not open" }));
        }

        if (c.Status == CommitmentStatus.Dropped || Closures.ContainsKey(c.Slot) || time >= deadline)
        {
            return new CommandResult(409, Views.Problem(409, "Reveal window closed.",
                $"client_bid_id: the reveal window of slot {c.Slot} closed at {WireTime.Text(deadline)}; the commitment is dropped.",
                new Dictionary<string, string> { ["client_bid_id"] = "reveal window closed" }));
        }

        var price = reveal.PriceEurPerMwh;
        var quantity = reveal.QuantityKwh;
        if (!SealedBid.Matches(c.CommitmentHex, SealedBidJson(reveal.SideName, price, quantity), Convert.FromHexString(reveal.SaltHex)))
        {
            return new CommandResult(409, Views.Problem(409, "Commitment mismatch.",
                $"salt_hex: the bid (side, price_eur_per_mwh, quantity_kwh) and salt do not open the commitment {c.CommitmentHex}.",
                new Dictionary<string, string> { ["salt_hex"] = "bid and salt do not match the commitment" }));
        }

        if (WireOrderCodec.Problem(Spec, c.ParticipantId, c.Slot, price, quantity) is { } invalid)
        {
            return invalid;
        }

        var order = Host.AddOrder(this, new NewOrder(c.ParticipantId, c.ClientBidId, c.Slot, reveal.SideName == "buy" ? OrderSide.Buy : OrderSide.Sell,
            price, quantity, string.Join('|', Spec.MarketId, c.Slot.ToString(CultureInfo.InvariantCulture), reveal.SideName,
                Views.Normalize(price).ToString(CultureInfo.InvariantCulture), Views.Normalize(quantity).ToString(CultureInfo.InvariantCulture)),
            c.CommittedAt));
        c.Status = CommitmentStatus.Revealed;
        c.OrderNumber = order.Number;
        c.RevealedAt = time;
        c.RevealFingerprint = reveal.Fingerprint;
        Host.Accept(CommandKinds.RevealSealedBid, reveal.Payload, time);
        Host.Touch(order);
        order.FirstStatus = 201;
        order.FirstBody = Views.Order(order).ToJsonString();
        var body = c.ToJson();
        body["order"] = Views.Order(order);
        c.RevealBody = body.ToJsonString();
        return new CommandResult(201, body);
    }

    /// <summary>
    /// The public view of the commitments: per slot only the number of commitments, the gate closure and the reveal
    /// deadline; after clearing also how many were revealed and dropped. Never who committed or to what.
    /// </summary>
    public override CommandResult PublicCommitments()
    {
        var slots = new JsonArray();
        for (var s = 0; s < Spec.SlotCount; s++)
        {
            var commitments = CommitmentsBySlot.GetValueOrDefault(s) ?? [];
            var row = new JsonObject
            {
                ["slot"] = s,
                ["gate_closure"] = WireTime.Text(GateClosure(s)),
                ["reveal_deadline"] = WireTime.Text(RevealDeadline(s)),
                ["commitment_count"] = commitments.Count,
                ["cleared"] = ClearedSummaries.ContainsKey(s),
            };
            if (ClearedSummaries.TryGetValue(s, out var summary))
            {
                row["revealed_count"] = summary["revealed_count"]!.DeepClone();
                row["dropped_count"] = summary["dropped_count"]!.DeepClone();
            }

            slots.Add(row);
        }

        return new CommandResult(200, new JsonObject { ["market_id"] = Spec.MarketId, ["slots"] = slots });
    }

    /// <summary>The commitments of a slot (created on first use).</summary>
    private List<SealedBidCommitment> Commitments(int slot)
    {
        if (!CommitmentsBySlot.TryGetValue(slot, out var list))
        {
            list = [];
            CommitmentsBySlot.Add(slot, list);
        }

        return list;
    }

    /// <summary>At a slot's clearing: drops the commitments never revealed and records the slot's sealed-bid summary.</summary>
    private void DropUnrevealed(int slot)
    {
        var commitments = CommitmentsBySlot.GetValueOrDefault(slot) ?? [];
        var dropped = new JsonArray();
        foreach (var c in commitments.Where(c => c.Status == CommitmentStatus.Committed))
        {
            c.Status = CommitmentStatus.Dropped;
            dropped.Add(c.CommitmentHex);
        }

        ClearedSummaries[slot] = new JsonObject
        {
            ["commitment_count"] = commitments.Count,
            ["revealed_count"] = commitments.Count(c => c.Status == CommitmentStatus.Revealed),
            ["dropped_count"] = dropped.Count,
            ["dropped_commitments"] = dropped,
        };
    }
}
