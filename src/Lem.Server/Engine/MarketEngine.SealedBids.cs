using System.Globalization;
using System.Text.Json.Nodes;
using Lem.Domain.Orders;
using Lem.Ledger;
using Lem.Server.Store;

namespace Lem.Server.Engine;

/// <summary>
/// Sealed-bid call auctions (commit–reveal): a commitment before gate closure, the bid and its salt after it, clearing at
/// the reveal deadline with the revealed bids only. Both commands go through the sequencer and replay like every other.
/// </summary>
internal sealed partial class MarketEngine
{
    /// <summary>The most commitments one participant may hold in one slot.</summary>
    public const int MaxCommitmentsPerParticipantAndSlot = 100;

    private readonly Dictionary<string, SealedBidMarket> _sealedMarkets = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Participant, string ClientBidId), SealedBidCommitment> _commitments = [];
    private readonly Dictionary<string, List<SealedBidCommitment>> _commitmentsByParticipant = new(StringComparer.Ordinal);

    /// <summary>The sealed-bid state of a market, or null when the market does not take sealed bids.</summary>
    public SealedBidMarket? SealedMarket(string marketId) => _sealedMarkets.GetValueOrDefault(marketId);

    /// <summary>True when a participant or DSO with this id is registered.</summary>
    public bool HasParticipant(string participantId) => _participants.ContainsKey(participantId);

    /// <summary>A participant's commitments in order of commitment.</summary>
    public IReadOnlyList<SealedBidCommitment> OwnCommitments(string participantId) => _commitmentsByParticipant.GetValueOrDefault(participantId) ?? [];

    /// <summary>A market's public JSON, with its sealed-bid settings when it has them.</summary>
    public JsonObject MarketView(MarketSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var json = Views.Market(spec);
        if (_sealedMarkets.TryGetValue(spec.MarketId, out var sealedMarket))
        {
            json["sealed_bids"] = true;
            json["reveal_window_seconds"] = sealedMarket.RevealWindowSeconds;
        }

        return json;
    }

    /// <summary>A gate closure's public JSON, with the sealed-bid summary (commitments, revealed, dropped) of a sealed market.</summary>
    public JsonObject ClosureView(GateClosureRecord closure, MarketSpec spec)
    {
        ArgumentNullException.ThrowIfNull(closure);
        var json = Views.Closure(closure, spec);
        if (_sealedMarkets.TryGetValue(spec.MarketId, out var m) && m.ClearedSummaries.TryGetValue(closure.Slot, out var summary))
        {
            json["sealed_bids"] = summary.DeepClone();
        }

        if (PoolClosureSummary(spec.MarketId, closure.Slot) is { } pool)
        {
            json["pool"] = pool;
        }

        return json;
    }

    /// <summary>
    /// The public view of a sealed market's commitments: per slot only the number of commitments, the gate closure and the
    /// reveal deadline; after clearing also how many were revealed and dropped. Never who committed or to what.
    /// </summary>
    public JsonObject PublicCommitments(SealedBidMarket m)
    {
        ArgumentNullException.ThrowIfNull(m);
        var slots = new JsonArray();
        for (var s = 0; s < m.Spec.SlotCount; s++)
        {
            var commitments = m.CommitmentsBySlot.GetValueOrDefault(s) ?? [];
            var row = new JsonObject
            {
                ["slot"] = s,
                ["gate_closure"] = SqliteMarketStore.Time(m.Spec.GateClosure(s)),
                ["reveal_deadline"] = SqliteMarketStore.Time(m.RevealDeadline(s)),
                ["commitment_count"] = commitments.Count,
                ["cleared"] = m.ClearedSummaries.ContainsKey(s),
            };
            if (m.ClearedSummaries.TryGetValue(s, out var summary))
            {
                row["revealed_count"] = summary["revealed_count"]!.DeepClone();
                row["dropped_count"] = summary["dropped_count"]!.DeepClone();
            }

            slots.Add(row);
        }

        return new JsonObject { ["market_id"] = m.Spec.MarketId, ["slots"] = slots };
    }

    /// <summary>A commitment as its owner sees it.</summary>
    public static JsonObject CommitmentView(SealedBidCommitment c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new JsonObject
        {
            ["client_bid_id"] = c.ClientBidId,
            ["participant_id"] = c.ParticipantId,
            ["market_id"] = c.MarketId,
            ["slot"] = c.Slot,
            ["commitment"] = c.CommitmentHex,
            ["status"] = c.Status,
            ["committed_at"] = SqliteMarketStore.Time(c.CommittedAt),
            ["revealed_at"] = c.RevealedAt is { } r ? SqliteMarketStore.Time(r) : null,
            ["order_number"] = c.OrderNumber,
        };
    }

    /// <summary>The bid a reveal opens, as the commitment hashes it: <c>{"price_eur_per_mwh", "quantity_kwh", "side"}</c> in canonical JSON.</summary>
    public static JsonObject SealedBidJson(string side, decimal priceEurPerMwh, decimal quantityKwh) => new()
    {
        ["side"] = side,
        ["price_eur_per_mwh"] = priceEurPerMwh,
        ["quantity_kwh"] = quantityKwh,
    };

    /// <summary>When a slot is due to clear: its gate closure, or for a sealed market its reveal deadline.</summary>
    private DateTimeOffset ClearingTime(MarketSpec spec, int slot) =>
        _sealedMarkets.TryGetValue(spec.MarketId, out var m) ? m.RevealDeadline(slot) : spec.GateClosure(slot);

    /// <summary>Registers a new market's sealed-bid state when its create_market command asks for sealed bids.</summary>
    private void CreateSealedMarket(MarketSpec spec, JsonObject p)
    {
        if (p["sealed_bids"] is JsonValue v && v.GetValue<bool>())
        {
            _sealedMarkets.Add(spec.MarketId, new SealedBidMarket(spec, Int(p, "reveal_window_seconds")));
        }
    }

    /// <summary>Refuses a plain order on a sealed market, and an order whose client order id a commitment holds.</summary>
    private CommandResult? RefusePlainOrder(string participant, string clientOrderId, string marketId)
    {
        if (_sealedMarkets.ContainsKey(marketId))
        {
            return new CommandResult(409, Views.Problem(409, "Sealed-bid market.",
                $"market_id: the market '{marketId}' takes sealed bids only: commit with POST /v1/markets/{marketId}/commitments before gate closure, "
                + $"then reveal with POST /v1/markets/{marketId}/reveals.",
                new Dictionary<string, string> { ["market_id"] = "takes sealed bids only" }));
        }

        return _commitments.ContainsKey((participant, clientOrderId))
            ? new CommandResult(409, Views.Problem(409, "Conflict.", $"client_order_id: '{clientOrderId}' is the id of one of your sealed bids.",
                new Dictionary<string, string> { ["client_order_id"] = "used by a sealed bid" }))
            : null;
    }

    private CommandResult CommitSealedBid(JsonObject p, DateTimeOffset time)
    {
        var participant = Str(p, "participant_id");
        var clientBidId = Str(p, "client_bid_id");
        var marketId = Str(p, "market_id");
        var slot = Int(p, "slot");
        var commitment = Str(p, "commitment");
        if (_commitments.TryGetValue((participant, clientBidId), out var existing))
        {
            return existing.MarketId == marketId && existing.Slot == slot && existing.CommitmentHex == commitment
                ? new CommandResult(201, JsonNode.Parse(existing.CommitBody)!)
                : new CommandResult(409, Views.Problem(409, "Conflict.",
                    $"client_bid_id: '{clientBidId}' was used before for a different commitment; a retry must repeat the same fields.",
                    new Dictionary<string, string> { ["client_bid_id"] = "used before with different fields" }));
        }

        if (_byClientId.ContainsKey((participant, clientBidId)))
        {
            return new CommandResult(409, Views.Problem(409, "Conflict.", $"client_bid_id: '{clientBidId}' is the client order id of one of your orders.",
                new Dictionary<string, string> { ["client_bid_id"] = "used by an order" }));
        }

        if (!_markets.TryGetValue(marketId, out var market))
        {
            return new CommandResult(404, Views.Problem(404, "Not found.", $"market_id: no market '{marketId}'."));
        }

        if (!_sealedMarkets.TryGetValue(marketId, out var sealedMarket))
        {
            return new CommandResult(409, Views.Problem(409, "Not a sealed-bid market.",
                $"market_id: the market '{marketId}' does not take sealed bids; submit orders with POST /v1/markets/{marketId}/orders.",
                new Dictionary<string, string> { ["market_id"] = "does not take sealed bids" }));
        }

        if (slot < 0 || slot >= market.Spec.SlotCount)
        {
            return Views.Invalid("slot", $"must be in [0, {market.Spec.SlotCount - 1}] for market '{marketId}'.");
        }

        if (GateClosed(market, slot, time))
        {
            return new CommandResult(409, Views.Problem(409, "Gate closed.",
                $"slot: the gate of slot {slot} closed at {SqliteMarketStore.Time(market.Spec.GateClosure(slot))}; commitments are no longer accepted.",
                new Dictionary<string, string> { ["slot"] = "gate closed" }));
        }

        var inSlot = sealedMarket.Commitments(slot);
        if (inSlot.Count(c => c.ParticipantId == participant) >= MaxCommitmentsPerParticipantAndSlot)
        {
            return new CommandResult(409, Views.Problem(409, "Too many commitments.",
                $"slot: you hold {MaxCommitmentsPerParticipantAndSlot} commitments in slot {slot} already, the most allowed.",
                new Dictionary<string, string> { ["slot"] = "too many commitments" }));
        }

        var record = new SealedBidCommitment
        {
            ParticipantId = participant, ClientBidId = clientBidId, MarketId = marketId, Slot = slot, CommitmentHex = commitment, CommittedAt = time,
        };
        _commitments.Add((participant, clientBidId), record);
        List(_commitmentsByParticipant, participant).Add(record);
        inSlot.Add(record);
        Accept(CommandKinds.CommitSealedBid, p, time);
        var body = CommitmentView(record);
        record.CommitBody = body.ToJsonString();
        return new CommandResult(201, body);
    }

    private CommandResult RevealSealedBid(JsonObject p, DateTimeOffset time)
    {
        var participant = Str(p, "participant_id");
        var clientBidId = Str(p, "client_bid_id");
        var marketId = Str(p, "market_id");
        var sideName = Str(p, "side");
        var price = Dec(p, "price_eur_per_mwh");
        var quantity = Dec(p, "quantity_kwh");
        var saltHex = Str(p, "salt_hex");
        if (!_commitments.TryGetValue((participant, clientBidId), out var c) || c.MarketId != marketId)
        {
            return new CommandResult(404, Views.Problem(404, "Not found.", $"client_bid_id: you have no commitment '{clientBidId}' in market '{marketId}'."));
        }

        var fingerprint = string.Join('|', sideName, Views.Normalize(price).ToString(CultureInfo.InvariantCulture),
            Views.Normalize(quantity).ToString(CultureInfo.InvariantCulture), saltHex);
        if (c.Status == "revealed")
        {
            return c.RevealFingerprint == fingerprint
                ? new CommandResult(200, JsonNode.Parse(c.RevealBody!)!)
                : new CommandResult(409, Views.Problem(409, "Conflict.", $"client_bid_id: the bid '{clientBidId}' was revealed already with other fields.",
                    new Dictionary<string, string> { ["client_bid_id"] = "revealed already" }));
        }

        var market = _markets[marketId];
        var sealedMarket = _sealedMarkets[marketId];
        var gate = market.Spec.GateClosure(c.Slot);
        var deadline = sealedMarket.RevealDeadline(c.Slot);
        if (time < gate)
        {
            return new CommandResult(409, Views.Problem(409, "Too early.",
                $"client_bid_id: bids of slot {c.Slot} can be revealed from its gate closure at {SqliteMarketStore.Time(gate)} until {SqliteMarketStore.Time(deadline)}.",
                new Dictionary<string, string> { ["client_bid_id"] = "reveal window not open" }));
        }

        if (c.Status == "dropped" || market.Closures.ContainsKey(c.Slot) || time >= deadline)
        {
            return new CommandResult(409, Views.Problem(409, "Reveal window closed.",
                $"client_bid_id: the reveal window of slot {c.Slot} closed at {SqliteMarketStore.Time(deadline)}; the commitment is dropped.",
                new Dictionary<string, string> { ["client_bid_id"] = "reveal window closed" }));
        }

        if (!SealedBid.Matches(c.CommitmentHex, SealedBidJson(sideName, price, quantity), Convert.FromHexString(saltHex)))
        {
            return new CommandResult(409, Views.Problem(409, "Commitment mismatch.",
                $"salt_hex: the bid (side, price_eur_per_mwh, quantity_kwh) and salt do not open the commitment {c.CommitmentHex}.",
                new Dictionary<string, string> { ["salt_hex"] = "bid and salt do not match the commitment" }));
        }

        if (CheckBid(market.Spec, price, quantity) is { } invalid)
        {
            return invalid;
        }

        var side = sideName == "buy" ? OrderSide.Buy : OrderSide.Sell;
        var order = new ServerOrder
        {
            Number = _nextOrder++, ParticipantId = participant, ClientOrderId = clientBidId, MarketId = marketId, Slot = c.Slot, Side = side,
            PriceEurPerMwh = price, QuantityKwh = quantity, OpenKwh = quantity, SubmittedAt = c.CommittedAt,
            Fingerprint = string.Join('|', marketId, c.Slot.ToString(CultureInfo.InvariantCulture), sideName,
                Views.Normalize(price).ToString(CultureInfo.InvariantCulture), Views.Normalize(quantity).ToString(CultureInfo.InvariantCulture)),
        };
        _orders.Add(order.Number, order);
        _byClientId.Add((participant, clientBidId), order);
        List(_ordersByParticipant, participant).Add(order);
        market.Orders(c.Slot).Add(order);
        c.Status = "revealed";
        c.OrderNumber = order.Number;
        c.RevealedAt = time;
        c.RevealFingerprint = fingerprint;
        Accept(CommandKinds.RevealSealedBid, p, time);
        Touch(order);
        order.FirstStatus = 201;
        order.FirstBody = Views.Order(order).ToJsonString();
        var body = CommitmentView(c);
        body["order"] = Views.Order(order);
        c.RevealBody = body.ToJsonString();
        return new CommandResult(201, body);
    }

    /// <summary>At a sealed slot's clearing: drops the commitments never revealed and returns the slot's sealed-bid summary.</summary>
    private JsonObject? DropUnrevealed(MarketRuntime market, int slot)
    {
        if (!_sealedMarkets.TryGetValue(market.Spec.MarketId, out var sealedMarket))
        {
            return null;
        }

        var commitments = sealedMarket.CommitmentsBySlot.GetValueOrDefault(slot) ?? [];
        var dropped = new JsonArray();
        foreach (var c in commitments.Where(c => c.Status == "committed"))
        {
            c.Status = "dropped";
            dropped.Add(c.CommitmentHex);
        }

        var summary = new JsonObject
        {
            ["commitment_count"] = commitments.Count,
            ["revealed_count"] = commitments.Count(c => c.Status == "revealed"),
            ["dropped_count"] = dropped.Count,
            ["dropped_commitments"] = dropped,
        };
        sealedMarket.ClearedSummaries[slot] = summary;
        return summary;
    }

    private static CommandResult? CheckBid(MarketSpec spec, decimal price, decimal quantity)
    {
        if (price < spec.MinPriceEurPerMwh || price > spec.MaxPriceEurPerMwh)
        {
            return Views.Invalid("price_eur_per_mwh", $"must be in [{spec.MinPriceEurPerMwh}, {spec.MaxPriceEurPerMwh}] EUR/MWh.");
        }

        if (price % spec.TickSizeEurPerMwh != 0)
        {
            return Views.Invalid("price_eur_per_mwh", $"must be a whole number of ticks of {spec.TickSizeEurPerMwh} EUR/MWh.");
        }

        return quantity <= 0 || quantity % LotKwh != 0 || quantity > 1_000_000_000m
            ? Views.Invalid("quantity_kwh", "must be a positive whole number of kWh (the lot), at most 1e9.")
            : null;
    }
}
