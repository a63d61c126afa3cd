using System.Collections.Concurrent;
using System.Security.Cryptography;
using Lem.Server.Engine.Markets;
using Lem.Server.Engine.Markets.SealedBids;
using Lem.Server.Store;

namespace Lem.Server.Engine;

/// <summary>
/// The server's in-memory state and the one place commands change it. Only the sequencer calls <see cref="Execute"/>
/// (holding <see cref="SyncRoot"/>); the same code replays the command log on start, so a replayed state is the live
/// state. Every executed command lands in the current <see cref="StoreBatch"/> with its ledger entries. The engine keeps
/// what all markets share (participants, orders and commitments by id, trades, sequence numbers, the batch) and hands
/// what a market's kind decides to the market object (<see cref="IServerMarket"/>, built by its kind in <see cref="Kinds"/>).
/// </summary>
internal sealed class MarketEngine : IMarketHost
{
    /// <summary>The lot: order quantities are whole kWh (0.001 MWh in the order books).</summary>
    public const decimal LotKwh = 1m;

    private readonly MutableClock _clock = new();
    private readonly Dictionary<string, IServerMarket> _markets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ParticipantRecord> _participants = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Principal> _byKeyHash = new(StringComparer.Ordinal);
    private readonly Dictionary<long, ServerOrder> _orders = [];
    private readonly Dictionary<(string Participant, string ClientOrderId), ServerOrder> _byClientId = [];
    private readonly Dictionary<string, List<ServerOrder>> _ordersByParticipant = new(StringComparer.Ordinal);
    private readonly Dictionary<long, ServerTrade> _trades = [];
    private readonly Dictionary<string, List<ServerTrade>> _tradesByParticipant = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Participant, string ClientBidId), SealedBidCommitment> _commitments = [];
    private readonly Dictionary<string, List<SealedBidCommitment>> _commitmentsByParticipant = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DeferredClearing> _running = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _partsApplied = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Func<JsonObject, Instant, CommandResult>> _commandKinds = new(StringComparer.Ordinal);
    private readonly ServerLedger _ledger;
    private Dictionary<string, ParticipantRecord>? _replayParticipants;
    private long _nextSequence = 1;
    private long _nextOrder = 1;
    private long _nextTrade = 1;
    private Instant _lastTime = Instant.MinValue;

    /// <summary>Creates an empty engine with the built-in market kinds that appends to <paramref name="ledger"/>.</summary>
    public MarketEngine(ServerLedger ledger)
        : this(ledger, ServerMarketKinds.BuiltIn())
    {
    }

    /// <summary>Creates an empty engine with the market kinds of <paramref name="kinds"/> that appends to <paramref name="ledger"/>.</summary>
    public MarketEngine(ServerLedger ledger, ServerMarketKinds kinds)
    {
        _ledger = ledger;
        Kinds = kinds;
    }

    /// <summary>The market kinds this engine runs, by mechanism name.</summary>
    public ServerMarketKinds Kinds { get; }

    /// <summary>The lock the sequencer holds while executing and committing, and readers hold while reading.</summary>
    public object SyncRoot { get; } = new();

    /// <summary>What the current group commit will write.</summary>
    public StoreBatch Batch { get; } = new();

    /// <summary>Stream events of the current batch, published after it commits.</summary>
    public List<StreamEvent> PendingEvents { get; } = [];

    /// <summary>Clearings that gate_closure commands started off the lock since the sequencer last took them (it runs them once their batch committed).</summary>
    public List<DeferredClearing> StartedClearings { get; } = [];

    /// <summary>The clearings started and not applied yet, by market id (after a replay: the ones a crash cut off, to run again).</summary>
    public IReadOnlyCollection<DeferredClearing> RunningClearings => _running.Values;

    /// <summary>The number of accepted commands so far.</summary>
    public long CommandCount => _nextSequence - 1;

    /// <inheritdoc />
    public IClock Clock => _clock;

    /// <summary>Rebuilds the state from the stored command log; nothing is written and nothing is appended to the ledger.</summary>
    public void Replay(LoadedState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        _replayParticipants = state.Participants.ToDictionary(p => p.ParticipantId, StringComparer.Ordinal);
        try
        {
            foreach (var c in state.Commands)
            {
                if (c.Sequence != _nextSequence)
                {
                    throw new InvalidDataException($"The command log jumps from {_nextSequence - 1} to {c.Sequence}.");
                }

                var payload = JsonNode.Parse(c.PayloadJson)!.AsObject();
                _ledger.ReplayCommand(c.Sequence);
                Execute(c.Kind, payload, c.Time, null);
            }
        }
        finally
        {
            _replayParticipants = null;
            _ledger.EndReplay();
            Batch.Clear();
            PendingEvents.Clear();
            StartedClearings.Clear();
        }
    }

    /// <summary>The monotone time of the next command: the clock's time, never before the previous command's.</summary>
    public Instant NextTime(Instant now) => now > _lastTime ? now : _lastTime;

    /// <summary>Executes one command at <paramref name="time"/>.</summary>
    /// <param name="kind">The command kind.</param>
    /// <param name="payload">The command's fields (validated for shape by the API).</param>
    /// <param name="time">The command's time stamp.</param>
    /// <param name="apiKeySha256Hex">For register_participant: the hash of the new key.</param>
    public CommandResult Execute(string kind, JsonObject payload, Instant time, string? apiKeySha256Hex)
    {
        ArgumentNullException.ThrowIfNull(payload);
        _lastTime = time;
        _clock.Now = time;
        return kind switch
        {
            CommandKinds.CreateMarket => CreateMarket(payload, time),
            CommandKinds.RegisterParticipant => RegisterParticipant(payload, time, apiKeySha256Hex),
            CommandKinds.SubmitOrder => SubmitOrder(payload, time),
            CommandKinds.AmendOrder => AmendOrder(payload, time),
            CommandKinds.CancelOrder => CancelOrder(payload, time),
            CommandKinds.GateClosure => CloseGate(payload, time),
            CommandKinds.ClearingResult => ApplyClearingResult(payload, time),
            CommandKinds.CommitSealedBid => CommitSealedBid(payload, time),
            CommandKinds.RevealSealedBid => RevealSealedBid(payload, time),
            CommandKinds.MarketCommand => MarketCommand(payload, time),
            _ => _commandKinds.TryGetValue(kind, out var handler) ? Registered(kind, handler, payload, time) : throw new InvalidDataException($"Unknown command kind '{kind}'."),
        };
    }

    /// <summary>
    /// Registers the handler of a command kind kept outside the markets (the UFTP endpoint's, docs/uftp.md). Such a
    /// command runs under the sequencer like any other: a 2xx answer logs it and signs it into the ledger before the
    /// answer is sent, and the replay on start runs the handler again with the stored payload and time. Register before
    /// <see cref="Replay"/>; the handler must depend only on its payload, its time and the commands before it.
    /// </summary>
    public void RegisterCommandKind(string kind, Func<JsonObject, Instant, CommandResult> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _commandKinds.Add(kind, handler);
    }

    private CommandResult Registered(string kind, Func<JsonObject, Instant, CommandResult> handler, JsonObject payload, Instant time)
    {
        var result = handler(payload, time);
        if (result.Status < 300)
        {
            Accept(kind, payload, time);
        }

        return result;
    }

    /// <summary>The (market, slot) pairs whose clearing is due at <paramref name="now"/> and has not run, by clearing time.</summary>
    public List<(string MarketId, int Slot)> DueGateClosures(Instant now)
    {
        var due = new List<(Instant At, string MarketId, int Slot)>();
        foreach (var m in _markets.Values)
        {
            for (var s = 0; s < m.Spec.SlotCount; s++)
            {
                var at = m.ClearingTime(s);
                if (at > now)
                {
                    break;
                }

                if (!m.Closures.ContainsKey(s))
                {
                    due.Add((at, m.Spec.MarketId, s));
                }
            }
        }

        return due.OrderBy(d => d.At).ThenBy(d => d.MarketId, StringComparer.Ordinal).ThenBy(d => d.Slot).Select(d => (d.MarketId, d.Slot)).ToList();
    }

    /// <summary>The caller behind an API key hash, or null; safe without <see cref="SyncRoot"/> (registered callers never change).</summary>
    public Principal? Authenticate(string apiKeySha256Hex) => _byKeyHash.GetValueOrDefault(apiKeySha256Hex);

    /// <summary>A market, or null.</summary>
    public IServerMarket? Market(string marketId) => _markets.GetValueOrDefault(marketId);

    /// <summary>All markets, by id.</summary>
    public IEnumerable<IServerMarket> Markets => _markets.Values.OrderBy(m => m.Spec.MarketId, StringComparer.Ordinal);

    /// <summary>Every registered participant and DSO, by id (ordinal).</summary>
    public IEnumerable<ParticipantRecord> Participants => _participants.Values.OrderBy(p => p.ParticipantId, StringComparer.Ordinal);

    /// <summary>True when a participant or DSO with this id is registered.</summary>
    public bool HasParticipant(string participantId) => _participants.ContainsKey(participantId);

    /// <summary>A participant's own order, or null (another participant's order is never found).</summary>
    public ServerOrder? OwnOrder(string participantId, string clientOrderId) => _byClientId.GetValueOrDefault((participantId, clientOrderId));

    /// <summary>A participant's orders in order of submission.</summary>
    public IReadOnlyList<ServerOrder> OwnOrders(string participantId) => _ordersByParticipant.GetValueOrDefault(participantId) ?? [];

    /// <summary>A participant's trades in trade order.</summary>
    public IReadOnlyList<ServerTrade> OwnTrades(string participantId) => _tradesByParticipant.GetValueOrDefault(participantId) ?? [];

    /// <summary>A participant's commitments in order of commitment.</summary>
    public IReadOnlyList<SealedBidCommitment> OwnCommitments(string participantId) => _commitmentsByParticipant.GetValueOrDefault(participantId) ?? [];

    /// <summary>A trade by id, or null.</summary>
    public ServerTrade? Trade(long tradeId) => _trades.GetValueOrDefault(tradeId);

    /// <summary>A market's public JSON, with its kind's own fields.</summary>
    public static JsonObject MarketView(IServerMarket market)
    {
        ArgumentNullException.ThrowIfNull(market);
        var json = Views.Market(market.Spec);
        market.Describe(json);
        return json;
    }

    /// <summary>A gate closure's public JSON, with its kind's own fields (a sealed market's summary, a pool's prices).</summary>
    public static JsonObject ClosureView(GateClosureRecord closure, IServerMarket market)
    {
        ArgumentNullException.ThrowIfNull(closure);
        ArgumentNullException.ThrowIfNull(market);
        var json = Views.Closure(closure, market.Spec);
        market.DescribeClosure(closure.Slot, json);
        return json;
    }

    /// <inheritdoc />
    ServerOrder? IMarketHost.FindOrder(long number) => _orders.GetValueOrDefault(number);

    /// <inheritdoc />
    ServerOrder IMarketHost.AddOrder(IServerMarket market, NewOrder order) => AddOrder(market, order);

    /// <inheritdoc />
    long IMarketHost.NextTradeId() => _nextTrade++;

    /// <inheritdoc />
    void IMarketHost.AddTrade(IServerMarket market, ServerTrade trade)
    {
        _trades.Add(trade.TradeId, trade);
        market.Trades(trade.Slot).Add(trade);
        List(_tradesByParticipant, trade.Buyer).Add(trade);
        if (trade.Seller != trade.Buyer)
        {
            List(_tradesByParticipant, trade.Seller).Add(trade);
        }

        if (Writing)
        {
            Batch.Trades.Add(trade);
            _ledger.Append(Batch, "trade", Views.Trade(trade), trade.Time);
            PendingEvents.Add(new StreamEvent("trade", Views.PublicTrade(trade)));
        }
    }

    /// <inheritdoc />
    void IMarketHost.Fill(ServerOrder order, decimal quantityKwh)
    {
        order.FilledKwh += quantityKwh;
        order.OpenKwh -= quantityKwh;
        if (order.OpenKwh <= 0)
        {
            order.OpenKwh = 0;
            order.Status = OrderStatus.Filled;
        }

        Touch(order);
    }

    /// <inheritdoc />
    void IMarketHost.End(ServerOrder order, OrderStatus status, string? reason) => End(order, status, reason);

    /// <inheritdoc />
    void IMarketHost.Touch(ServerOrder order) => Touch(order);

    /// <inheritdoc />
    void IMarketHost.Accept(string kind, JsonObject payload, Instant time) => Accept(kind, payload, time);

    /// <inheritdoc />
    void IMarketHost.AddCommitment(SealedBidCommitment commitment)
    {
        _commitments.Add((commitment.ParticipantId, commitment.ClientBidId), commitment);
        List(_commitmentsByParticipant, commitment.ParticipantId).Add(commitment);
    }

    private CommandResult CreateMarket(JsonObject p, Instant time)
    {
        var mechanism = Str(p, "mechanism");
        var kind = Kinds.Find(mechanism) ?? throw new InvalidDataException($"No market kind '{mechanism}' is registered.");
        var spec = new MarketSpec(
            Str(p, "market_id"),
            mechanism,
            WireTime.Parse(Str(p, "delivery_start")),
            Int(p, "slot_minutes"),
            Int(p, "slot_count"),
            Int(p, "gate_closure_lead_minutes"),
            Dec(p, "tick_size_eur_per_mwh"),
            Dec(p, "min_price_eur_per_mwh"),
            Dec(p, "max_price_eur_per_mwh"));
        if (_markets.ContainsKey(spec.MarketId))
        {
            return new CommandResult(409, Views.Problem(409, "Conflict.", $"market_id: the market '{spec.MarketId}' exists already.",
                new Dictionary<string, string> { ["market_id"] = "exists already" }));
        }

        var market = kind.Create(spec, p, this);
        _markets.Add(spec.MarketId, market);
        Accept(CommandKinds.CreateMarket, p, time);
        if (Writing)
        {
            Batch.Markets.Add(spec);
        }

        return new CommandResult(201, MarketView(market));
    }

    private CommandResult MarketCommand(JsonObject p, Instant time)
    {
        if (Market(Str(p, "market_id")) is not { } market)
        {
            return new CommandResult(404, Views.Problem(404, "Not found.", $"market_id: no market '{Str(p, "market_id")}'."));
        }

        var result = market.Command(p, time);
        if (result.Status < 300)
        {
            Accept(CommandKinds.MarketCommand, p, time);
        }

        return result;
    }

    private CommandResult RegisterParticipant(JsonObject p, Instant time, string? keyHash)
    {
        var id = Str(p, "participant_id");
        if (_participants.ContainsKey(id) || id == "operator")
        {
            return new CommandResult(409, Views.Problem(409, "Conflict.", $"participant_id: the participant '{id}' exists already.",
                new Dictionary<string, string> { ["participant_id"] = "exists already" }));
        }

        var role = RoleNames.Parse(Str(p, "role"));
        var key = p["ed25519_public_key"] is JsonValue v ? Convert.FromBase64String(v.GetValue<string>()) : null;
        var hash = _replayParticipants is { } rp
            ? (rp.TryGetValue(id, out var stored) ? stored.ApiKeySha256Hex : throw new InvalidDataException($"The participant '{id}' has no stored key."))
            : keyHash ?? throw new ArgumentNullException(nameof(keyHash));
        var record = new ParticipantRecord(id, role, hash, key, time);
        _participants.Add(id, record);
        _byKeyHash[hash] = new Principal(id, role, key);
        Accept(CommandKinds.RegisterParticipant, p, time);
        if (Writing)
        {
            Batch.Participants.Add(record);
        }

        return new CommandResult(201, new JsonObject
        {
            ["participant_id"] = id,
            ["role"] = RoleNames.Name(role),
            ["ed25519_public_key"] = key is null ? null : Convert.ToBase64String(key),
        });
    }

    private CommandResult SubmitOrder(JsonObject p, Instant time)
    {
        var participant = Str(p, "participant_id");
        var clientOrderId = Str(p, "client_order_id");
        var marketId = Str(p, "market_id");
        var slot = Int(p, "slot");
        var side = Str(p, "side") == "buy" ? OrderSide.Buy : OrderSide.Sell;
        var price = Dec(p, "price_eur_per_mwh");
        var quantity = Dec(p, "quantity_kwh");
        var fingerprint = string.Join('|', marketId, slot.ToString(CultureInfo.InvariantCulture), Views.Side(side),
            Views.Normalize(price).ToString(CultureInfo.InvariantCulture), Views.Normalize(quantity).ToString(CultureInfo.InvariantCulture));

        if (_byClientId.TryGetValue((participant, clientOrderId), out var existing))
        {
            return existing.Fingerprint == fingerprint
                ? new CommandResult(existing.FirstStatus, JsonNode.Parse(existing.FirstBody)!) { Ledger = existing.FirstLedger }
                : new CommandResult(409, Views.Problem(409, "Conflict.",
                    $"client_order_id: '{clientOrderId}' was used before for a different order; a retry must repeat the same fields.",
                    new Dictionary<string, string> { ["client_order_id"] = "used before with different fields" }));
        }

        if (!_markets.TryGetValue(marketId, out var market))
        {
            return new CommandResult(404, Views.Problem(404, "Not found.", $"market_id: no market '{marketId}'."));
        }

        if (market.RefusePlainOrders() is { } refused)
        {
            return refused;
        }

        if (_commitments.ContainsKey((participant, clientOrderId)))
        {
            return new CommandResult(409, Views.Problem(409, "Conflict.", $"client_order_id: '{clientOrderId}' is the id of one of your sealed bids.",
                new Dictionary<string, string> { ["client_order_id"] = "used by a sealed bid" }));
        }

        if (market.RefuseParticipant(participant) is { } notAdmitted)
        {
            return notAdmitted;
        }

        if (Check(market, participant, slot, price, quantity, time) is { } problem)
        {
            return problem;
        }

        if (market.RefuseOrder(participant, slot) is { } capped)
        {
            return capped;
        }

        var order = AddOrder(market, new NewOrder(participant, clientOrderId, slot, side, price, quantity, fingerprint, time));
        Accept(CommandKinds.SubmitOrder, p, time);
        Touch(order);
        var trades = market.Submit(order, time);
        var body = Views.Order(order);
        body["trades"] = new JsonArray(trades.Select(t => (JsonNode)Views.Trade(t)).ToArray());
        order.FirstStatus = order.Status == OrderStatus.Rejected ? 422 : 201;
        order.FirstBody = body.ToJsonString();
        order.FirstLedger = _ledger.Pending;
        return new CommandResult(order.FirstStatus, body);
    }

    private CommandResult AmendOrder(JsonObject p, Instant time)
    {
        var participant = Str(p, "participant_id");
        var clientOrderId = Str(p, "client_order_id");
        var price = Dec(p, "price_eur_per_mwh");
        var quantity = Dec(p, "quantity_kwh");
        if (!_byClientId.TryGetValue((participant, clientOrderId), out var order))
        {
            return NotFoundOrder(clientOrderId);
        }

        var market = _markets[order.MarketId];
        if (Check(market, participant, order.Slot, price, quantity, time) is { } problem)
        {
            return problem;
        }

        if (order.Status != OrderStatus.Open)
        {
            return new CommandResult(409, Views.Problem(409, "Conflict.",
                $"client_order_id: the order '{clientOrderId}' is {OrderStatusNames.Name(order.Status)}; only open orders can be amended."));
        }

        var open = quantity - order.FilledKwh;
        if (open <= 0)
        {
            return Views.Invalid("quantity_kwh", $"must exceed the filled quantity {Views.Normalize(order.FilledKwh)} kWh.");
        }

        if (price == order.PriceEurPerMwh && open == order.OpenKwh)
        {
            return new CommandResult(200, Views.Order(order));
        }

        Accept(CommandKinds.AmendOrder, p, time);
        Touch(order);
        var (refused, trades) = market.Amend(order, price, quantity, open, time);
        if (refused is not null)
        {
            return refused;
        }

        var body = Views.Order(order);
        body["trades"] = new JsonArray(trades.Select(t => (JsonNode)Views.Trade(t)).ToArray());
        return new CommandResult(200, body);
    }

    private CommandResult CancelOrder(JsonObject p, Instant time)
    {
        var participant = Str(p, "participant_id");
        var clientOrderId = Str(p, "client_order_id");
        if (!_byClientId.TryGetValue((participant, clientOrderId), out var order))
        {
            return NotFoundOrder(clientOrderId);
        }

        if (order.Status != OrderStatus.Open)
        {
            return new CommandResult(200, Views.Order(order));
        }

        var market = _markets[order.MarketId];
        if (market.IsClearing(order.Slot))
        {
            return Clearing(market, order.Slot);
        }

        if (market.GateClosed(order.Slot, time))
        {
            return new CommandResult(409, Views.Problem(409, "Conflict.", $"The gate of slot {order.Slot} has closed."));
        }

        Accept(CommandKinds.CancelOrder, p, time);
        Touch(order);
        market.Cancel(order, time);
        return new CommandResult(200, Views.Order(order));
    }

    private CommandResult CloseGate(JsonObject p, Instant time)
    {
        var market = _markets[Str(p, "market_id")];
        var slot = Int(p, "slot");
        if (market.Closures.TryGetValue(slot, out var done))
        {
            return new CommandResult(200, ClosureView(done, market));
        }

        if (market.IsClearing(slot))
        {
            if (!Writing)
            {
                Accept(CommandKinds.GateClosure, p, time); // a log written before clearings ran off the lock closed every slot with a command of its own
            }

            return ClearingStarted(market, slot);
        }

        Accept(CommandKinds.GateClosure, p, time);
        if (market.StartClearing(slot, time) is { } clearing)
        {
            _running.Add(market.Spec.MarketId, clearing);
            StartedClearings.Add(clearing);
            return ClearingStarted(market, slot);
        }

        return CloseSlot(market, slot, time);
    }

    /// <summary>
    /// The clearing_result command: applies one part (<c>part</c> of <c>parts</c>, in order) of the result of a clearing
    /// that ran off the lock and closes the slots it clears, each like a gate closure (expiry of what is still open,
    /// record, ledger, stream); the last part ends the clearing. 409, not logged, without a running clearing or for a
    /// part out of order (a part applied before a restart, submitted again by the re-run clearing).
    /// </summary>
    private CommandResult ApplyClearingResult(JsonObject p, Instant time)
    {
        var marketId = Str(p, "market_id");
        var part = Int(p, "part");
        var parts = Int(p, "parts");
        if (!_markets.TryGetValue(marketId, out var market) || !_running.ContainsKey(marketId))
        {
            return new CommandResult(409, Views.Problem(409, "Conflict.", $"market_id: the market '{marketId}' has no clearing running."));
        }

        var expected = _partsApplied.GetValueOrDefault(marketId);
        if (part != expected || part >= parts)
        {
            return new CommandResult(409, Views.Problem(409, "Conflict.", $"part: the clearing of market '{marketId}' takes part {expected} next, not {part} of {parts}."));
        }

        Accept(CommandKinds.ClearingResult, p, time);
        var last = part == parts - 1;
        if (last)
        {
            _running.Remove(marketId);
            _partsApplied.Remove(marketId);
        }
        else
        {
            _partsApplied[marketId] = part + 1;
        }

        var closed = new JsonArray();
        foreach (var slot in market.ApplyClearing(p["result"]!.AsObject(), last, time))
        {
            closed.Add(CloseSlot(market, slot, time).Body);
        }

        return new CommandResult(200, new JsonObject { ["gate_closures"] = closed });
    }

    /// <summary>The answer to a gate closure whose clearing runs off the lock: 202 with the status <c>clearing</c>.</summary>
    private static CommandResult ClearingStarted(IServerMarket market, int slot) => new(202, new JsonObject
    {
        ["market_id"] = market.Spec.MarketId,
        ["slot"] = slot,
        ["status"] = "clearing",
    });

    /// <summary>Closes a slot after its gate closure or clearing result was logged: the market's outcome, expiry of what is still open, the record, ledger and stream.</summary>
    private CommandResult CloseSlot(IServerMarket market, int slot, Instant time)
    {
        var outcome = market.CloseGate(slot, time);
        foreach (var o in market.Orders(slot))
        {
            if (o.Status == OrderStatus.Open)
            {
                End(o, OrderStatus.Expired, Views.Reason(Lem.Markets.OrderBook.ReasonCode.GateClosure));
            }
        }

        var trades = market.Trades(slot);
        var root = _ledger.MerkleRootHex(trades.Select(t => (JsonNode)Views.Trade(t)).ToList());
        var record = new GateClosureRecord(market.Spec.MarketId, slot, time, outcome.PriceEurPerMwh, outcome.VolumeKwh ?? trades.Sum(t => t.QuantityKwh),
            trades.Count, root, trades.Select(t => t.TradeId).ToList());
        market.Closures.Add(slot, record);
        var json = ClosureView(record, market);
        if (Writing)
        {
            Batch.GateClosures.Add(record);
            _ledger.Append(Batch, "gate.closed", json, time);
            PendingEvents.Add(new StreamEvent("gate_closure", json));
        }

        return new CommandResult(200, json);
    }

    private CommandResult CommitSealedBid(JsonObject p, Instant time)
    {
        var (participant, clientBidId, marketId) = SealedBidKey(p);
        var slot = Int(p, "slot");
        var commitment = Str(p, "commitment");
        if (_commitments.TryGetValue((participant, clientBidId), out var existing))
        {
            return existing.MarketId == marketId && existing.Slot == slot && existing.CommitmentHex == commitment
                ? new CommandResult(201, JsonNode.Parse(existing.CommitBody)!) { Ledger = existing.CommitLedger }
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

        var committed = market.Commit(new SealedBidCommit(participant, clientBidId, slot, commitment, p), time);
        if (_commitments.TryGetValue((participant, clientBidId), out var made))
        {
            made.CommitLedger ??= _ledger.Pending;
        }

        return committed;
    }

    private CommandResult RevealSealedBid(JsonObject p, Instant time)
    {
        var (participant, clientBidId, marketId) = SealedBidKey(p);
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
        if (c.Status == CommitmentStatus.Revealed)
        {
            return c.RevealFingerprint == fingerprint
                ? new CommandResult(200, JsonNode.Parse(c.RevealBody!)!) { Ledger = c.RevealLedger }
                : new CommandResult(409, Views.Problem(409, "Conflict.", $"client_bid_id: the bid '{clientBidId}' was revealed already with other fields.",
                    new Dictionary<string, string> { ["client_bid_id"] = "revealed already" }));
        }

        var revealed = _markets[marketId].Reveal(c, new SealedBidReveal(sideName, price, quantity, saltHex, fingerprint, p), time);
        if (c.Status == CommitmentStatus.Revealed)
        {
            c.RevealLedger ??= _ledger.Pending;
            if (_byClientId.TryGetValue((participant, clientBidId), out var order))
            {
                order.FirstLedger ??= _ledger.Pending;
            }
        }

        return revealed;
    }

    private ServerOrder AddOrder(IServerMarket market, NewOrder o)
    {
        var number = _nextOrder++;
        var domain = WireOrderCodec.Decode(number, o.ParticipantId, o.Slot, o.Side, o.PriceEurPerMwh, o.QuantityKwh);
        var order = new ServerOrder(number, o.ParticipantId, o.ClientOrderId, market.Spec.MarketId, domain, o.Fingerprint, o.SubmittedAt) { OpenKwh = o.QuantityKwh };
        _orders.Add(order.Number, order);
        _byClientId.Add((order.ParticipantId, order.ClientOrderId), order);
        List(_ordersByParticipant, order.ParticipantId).Add(order);
        market.Orders(order.Slot).Add(order);
        return order;
    }

    private void End(ServerOrder order, OrderStatus status, string? reason)
    {
        order.Status = status;
        order.Reason = reason;
        order.OpenKwh = 0;
        Touch(order);
    }

    private static CommandResult? Check(IServerMarket market, string participant, int slot, decimal price, decimal quantity, Instant time)
    {
        if (WireOrderCodec.Problem(market.Spec, participant, slot, price, quantity) is { } invalid)
        {
            return invalid;
        }

        if (market.IsClearing(slot))
        {
            return Clearing(market, slot);
        }

        return market.GateClosed(slot, time)
            ? new CommandResult(409, Views.Problem(409, "Gate closed.", $"slot: the gate of slot {slot} closed at {WireTime.Text(market.GateClosure(slot))}.",
                new Dictionary<string, string> { ["slot"] = "gate closed" }))
            : null;
    }

    private static CommandResult Clearing(IServerMarket market, int slot) =>
        new(409, Views.Problem(409, "Clearing.",
            $"slot: the gate of slot {slot} closed at {WireTime.Text(market.GateClosure(slot))} and market '{market.Spec.MarketId}' is clearing it now; see its prices once cleared.",
            new Dictionary<string, string> { ["slot"] = "clearing" }));

    private static CommandResult NotFoundOrder(string clientOrderId) =>
        new(404, Views.Problem(404, "Not found.", $"client_order_id: you have no order '{clientOrderId}'."));

    private bool Writing => _replayParticipants is null;

    private void Accept(string kind, JsonObject payload, Instant time)
    {
        var sequence = _nextSequence++;
        if (Writing)
        {
            _ledger.AppendCommand(Batch, sequence, time, kind, payload);
        }
    }

    private void Touch(ServerOrder order)
    {
        if (Writing)
        {
            Batch.Orders[order.Number] = order;
        }
    }

    private static List<T> List<T>(Dictionary<string, List<T>> d, string key)
    {
        if (!d.TryGetValue(key, out var list))
        {
            list = [];
            d.Add(key, list);
        }

        return list;
    }

    private static string Str(JsonObject p, string name) => p[name]!.GetValue<string>();

    /// <summary>The participant, client bid id and market of a sealed-bid commit or reveal payload.</summary>
    private static (string Participant, string ClientBidId, string MarketId) SealedBidKey(JsonObject p) =>
        (Str(p, "participant_id"), Str(p, "client_bid_id"), Str(p, "market_id"));

    private static int Int(JsonObject p, string name) => p[name]!.GetValue<int>();

    private static decimal Dec(JsonObject p, string name) => p[name]!.GetValue<decimal>();

    /// <summary>The hex SHA-256 of an API key, as stored.</summary>
    public static string HashKey(string apiKey) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));
}
