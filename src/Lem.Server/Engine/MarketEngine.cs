using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Lem.Domain.Orders;
using Lem.Markets.Auctions;
using Lem.Markets.OrderBook;
using Lem.Server.Store;
using NodaTime;

namespace Lem.Server.Engine;

/// <summary>
/// The server's in-memory state and the one place commands change it. Only the sequencer calls <see cref="Execute"/>
/// (holding <see cref="SyncRoot"/>); the same code replays the command log on start, so a replayed state is the live
/// state. Every executed command lands in the current <see cref="StoreBatch"/> with its ledger entries.
/// </summary>
internal sealed partial class MarketEngine
{
    /// <summary>The lot: order quantities are whole kWh (0.001 MWh in the order books).</summary>
    public const decimal LotKwh = 1m;

    private readonly MutableClock _clock = new();
    private readonly Dictionary<string, MarketRuntime> _markets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ParticipantRecord> _participants = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Principal> _byKeyHash = new(StringComparer.Ordinal);
    private readonly Dictionary<long, ServerOrder> _orders = [];
    private readonly Dictionary<(string Participant, string ClientOrderId), ServerOrder> _byClientId = [];
    private readonly Dictionary<string, List<ServerOrder>> _ordersByParticipant = new(StringComparer.Ordinal);
    private readonly Dictionary<long, ServerTrade> _trades = [];
    private readonly Dictionary<string, List<ServerTrade>> _tradesByParticipant = new(StringComparer.Ordinal);
    private readonly ServerLedger _ledger;
    private Dictionary<string, ParticipantRecord>? _replayParticipants;
    private long _nextSequence = 1;
    private long _nextOrder = 1;
    private long _nextTrade = 1;
    private DateTimeOffset _lastTime = DateTimeOffset.MinValue;

    /// <summary>Creates an empty engine that appends to <paramref name="ledger"/>.</summary>
    public MarketEngine(ServerLedger ledger) => _ledger = ledger;

    /// <summary>The lock the sequencer holds while executing and committing, and readers hold while reading.</summary>
    public object SyncRoot { get; } = new();

    /// <summary>What the current group commit will write.</summary>
    public StoreBatch Batch { get; } = new();

    /// <summary>Stream events of the current batch, published after it commits.</summary>
    public List<StreamEvent> PendingEvents { get; } = [];

    /// <summary>The number of accepted commands so far.</summary>
    public long CommandCount => _nextSequence - 1;

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
                Execute(c.Kind, payload, c.Time, null);
            }
        }
        finally
        {
            _replayParticipants = null;
            Batch.Clear();
            PendingEvents.Clear();
        }
    }

    /// <summary>The monotone time of the next command: the clock's time, never before the previous command's.</summary>
    public DateTimeOffset NextTime(DateTimeOffset now) => now > _lastTime ? now : _lastTime;

    /// <summary>Executes one command at <paramref name="time"/>.</summary>
    /// <param name="kind">The command kind.</param>
    /// <param name="payload">The command's fields (validated for shape by the API).</param>
    /// <param name="time">The command's time stamp.</param>
    /// <param name="apiKeySha256Hex">For register_participant: the hash of the new key.</param>
    public CommandResult Execute(string kind, JsonObject payload, DateTimeOffset time, string? apiKeySha256Hex)
    {
        ArgumentNullException.ThrowIfNull(payload);
        _lastTime = time;
        _clock.Now = Instant.FromDateTimeOffset(time);
        return kind switch
        {
            CommandKinds.CreateMarket => CreateMarket(payload, time),
            CommandKinds.RegisterParticipant => RegisterParticipant(payload, time, apiKeySha256Hex),
            CommandKinds.SubmitOrder => SubmitOrder(payload, time),
            CommandKinds.AmendOrder => AmendOrder(payload, time),
            CommandKinds.CancelOrder => CancelOrder(payload, time),
            CommandKinds.GateClosure => CloseGate(payload, time),
            CommandKinds.CommitSealedBid => CommitSealedBid(payload, time),
            CommandKinds.RevealSealedBid => RevealSealedBid(payload, time),
            _ => throw new InvalidDataException($"Unknown command kind '{kind}'."),
        };
    }

    /// <summary>The (market, slot) pairs whose gate closure is due at <paramref name="now"/> and has not run, by gate-closure time.</summary>
    public List<(string MarketId, int Slot)> DueGateClosures(DateTimeOffset now)
    {
        var due = new List<(DateTimeOffset At, string MarketId, int Slot)>();
        foreach (var m in _markets.Values)
        {
            for (var s = 0; s < m.Spec.SlotCount; s++)
            {
                var at = ClearingTime(m.Spec, s);
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
    public MarketRuntime? Market(string marketId) => _markets.GetValueOrDefault(marketId);

    /// <summary>All markets, by id.</summary>
    public IEnumerable<MarketRuntime> Markets => _markets.Values.OrderBy(m => m.Spec.MarketId, StringComparer.Ordinal);

    /// <summary>A participant's own order, or null (another participant's order is never found).</summary>
    public ServerOrder? OwnOrder(string participantId, string clientOrderId) => _byClientId.GetValueOrDefault((participantId, clientOrderId));

    /// <summary>A participant's orders in order of submission.</summary>
    public IReadOnlyList<ServerOrder> OwnOrders(string participantId) => _ordersByParticipant.GetValueOrDefault(participantId) ?? [];

    /// <summary>A participant's trades in trade order.</summary>
    public IReadOnlyList<ServerTrade> OwnTrades(string participantId) => _tradesByParticipant.GetValueOrDefault(participantId) ?? [];

    /// <summary>A trade by id, or null.</summary>
    public ServerTrade? Trade(long tradeId) => _trades.GetValueOrDefault(tradeId);

    private CommandResult CreateMarket(JsonObject p, DateTimeOffset time)
    {
        var spec = new MarketSpec(
            Str(p, "market_id"),
            Str(p, "mechanism") switch
            {
                "continuous" => MarketMechanism.Continuous,
                "pool" => MarketMechanism.Pool,
                _ => MarketMechanism.CallAuction,
            },
            DateTimeOffset.Parse(Str(p, "delivery_start"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
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

        ContinuousMarket? books = null;
        if (spec.Mechanism == MarketMechanism.Continuous)
        {
            var products = Enumerable.Range(0, spec.SlotCount).Select(s => new OrderBookProduct
            {
                ProductId = spec.ProductId(s),
                DeliveryStart = Instant.FromDateTimeOffset(spec.SlotStart(s)),
                DeliveryEnd = Instant.FromDateTimeOffset(spec.SlotStart(s + 1)),
                GateClosure = Instant.FromDateTimeOffset(spec.GateClosure(s)),
                TickSizeEurPerMwh = spec.TickSizeEurPerMwh,
                LotSizeMwh = LotKwh / 1000m,
                MinPriceEurPerMwh = spec.MinPriceEurPerMwh,
                MaxPriceEurPerMwh = spec.MaxPriceEurPerMwh,
                MaxLiveOrders = 4096,
            });
            books = new ContinuousMarket(_clock, products);
        }

        _markets.Add(spec.MarketId, new MarketRuntime(spec, books));
        CreateSealedMarket(spec, p);
        CreatePoolMarket(spec, p);
        Accept(CommandKinds.CreateMarket, p, time);
        if (Writing)
        {
            Batch.Markets.Add(spec);
        }

        return new CommandResult(201, MarketView(spec));
    }

    private CommandResult RegisterParticipant(JsonObject p, DateTimeOffset time, string? keyHash)
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

    private CommandResult SubmitOrder(JsonObject p, DateTimeOffset time)
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
                ? new CommandResult(existing.FirstStatus, JsonNode.Parse(existing.FirstBody)!)
                : new CommandResult(409, Views.Problem(409, "Conflict.",
                    $"client_order_id: '{clientOrderId}' was used before for a different order; a retry must repeat the same fields.",
                    new Dictionary<string, string> { ["client_order_id"] = "used before with different fields" }));
        }

        if (!_markets.TryGetValue(marketId, out var market))
        {
            return new CommandResult(404, Views.Problem(404, "Not found.", $"market_id: no market '{marketId}'."));
        }

        if (RefusePlainOrder(participant, clientOrderId, marketId) is { } refused)
        {
            return refused;
        }

        if (RefusePoolOrder(participant, marketId) is { } notInScenario)
        {
            return notInScenario;
        }

        if (Check(market.Spec, slot, price, quantity, time) is { } problem)
        {
            return problem;
        }

        var order = new ServerOrder
        {
            Number = _nextOrder++, ParticipantId = participant, ClientOrderId = clientOrderId, MarketId = marketId, Slot = slot, Side = side,
            PriceEurPerMwh = price, QuantityKwh = quantity, OpenKwh = quantity, Fingerprint = fingerprint, SubmittedAt = time,
        };
        _orders.Add(order.Number, order);
        _byClientId.Add((participant, clientOrderId), order);
        List(_ordersByParticipant, participant).Add(order);
        market.Orders(slot).Add(order);
        Accept(CommandKinds.SubmitOrder, p, time);
        Touch(order);

        var trades = new List<ServerTrade>();
        if (market.Books is { } books)
        {
            var productId = market.Spec.ProductId(slot);
            var start = books.Events(productId).Count;
            var result = books.Submit(new MarketOrderRequest
            {
                ProductId = productId, Participant = new ParticipantId(participant), ClientOrderId = order.Number, Side = side,
                PriceEurPerMwh = price, QuantityMwh = quantity / 1000m,
            });
            trades = ApplyBookEvents(market, slot, start, time);
            if (!result.Accepted)
            {
                order.Status = "rejected";
                order.Reason = Views.Reason(result.Reason);
                order.OpenKwh = 0;
            }
        }

        var body = Views.Order(order);
        body["trades"] = new JsonArray(trades.Select(t => (JsonNode)Views.Trade(t)).ToArray());
        order.FirstStatus = order.Status == "rejected" ? 422 : 201;
        order.FirstBody = body.ToJsonString();
        return new CommandResult(order.FirstStatus, body);
    }

    private CommandResult AmendOrder(JsonObject p, DateTimeOffset time)
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
        if (Check(market.Spec, order.Slot, price, quantity, time) is { } problem)
        {
            return problem;
        }

        if (order.Status != "open")
        {
            return new CommandResult(409, Views.Problem(409, "Conflict.", $"client_order_id: the order '{clientOrderId}' is {order.Status}; only open orders can be amended."));
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
        var trades = new List<ServerTrade>();
        if (market.Books is { } books)
        {
            var productId = market.Spec.ProductId(order.Slot);
            var start = books.Events(productId).Count;
            var result = books.Amend(productId, new ParticipantId(participant), order.Number, price, open / 1000m);
            if (result.Accepted)
            {
                order.PriceEurPerMwh = price;
                order.QuantityKwh = quantity;
                order.OpenKwh = open;
            }

            trades = ApplyBookEvents(market, order.Slot, start, time);
            if (!result.Accepted)
            {
                return new CommandResult(422, Views.Problem(422, "Rejected.", $"The amendment was rejected: {Views.Reason(result.Reason)}."));
            }
        }
        else
        {
            order.PriceEurPerMwh = price;
            order.QuantityKwh = quantity;
            order.OpenKwh = open;
        }

        var body = Views.Order(order);
        body["trades"] = new JsonArray(trades.Select(t => (JsonNode)Views.Trade(t)).ToArray());
        return new CommandResult(200, body);
    }

    private CommandResult CancelOrder(JsonObject p, DateTimeOffset time)
    {
        var participant = Str(p, "participant_id");
        var clientOrderId = Str(p, "client_order_id");
        if (!_byClientId.TryGetValue((participant, clientOrderId), out var order))
        {
            return NotFoundOrder(clientOrderId);
        }

        if (order.Status != "open")
        {
            return new CommandResult(200, Views.Order(order));
        }

        var market = _markets[order.MarketId];
        if (GateClosed(market, order.Slot, time))
        {
            return new CommandResult(409, Views.Problem(409, "Conflict.", $"The gate of slot {order.Slot} has closed."));
        }

        Accept(CommandKinds.CancelOrder, p, time);
        Touch(order);
        if (market.Books is { } books)
        {
            var productId = market.Spec.ProductId(order.Slot);
            var start = books.Events(productId).Count;
            books.Cancel(productId, new ParticipantId(participant), order.Number);
            ApplyBookEvents(market, order.Slot, start, time);
        }
        else
        {
            order.Status = "cancelled";
            order.Reason = Views.Reason(ReasonCode.CancelRequested);
            order.OpenKwh = 0;
        }

        return new CommandResult(200, Views.Order(order));
    }

    private CommandResult CloseGate(JsonObject p, DateTimeOffset time)
    {
        var market = _markets[Str(p, "market_id")];
        var slot = Int(p, "slot");
        if (market.Closures.TryGetValue(slot, out var done))
        {
            return new CommandResult(200, ClosureView(done, market.Spec));
        }

        Accept(CommandKinds.GateClosure, p, time);
        decimal? price = null;
        decimal? poolVolume = null;
        if (_poolMarkets.TryGetValue(market.Spec.MarketId, out var pool))
        {
            (price, var volumeKwh) = ClosePoolSlot(pool, market, slot);
            poolVolume = volumeKwh;
        }
        else if (market.Books is { } books)
        {
            var productId = market.Spec.ProductId(slot);
            var start = books.Events(productId).Count;
            books.Book(productId)!.ProcessTime();
            ApplyBookEvents(market, slot, start, time);
            var slotTrades = market.Trades(slot);
            var volume = slotTrades.Sum(t => t.QuantityKwh);
            if (volume > 0)
            {
                price = Math.Round(slotTrades.Sum(t => t.PriceEurPerMwh * t.QuantityKwh) / volume, 6);
            }
        }
        else
        {
            price = ClearAuction(market, slot, time);
        }

        foreach (var o in market.Orders(slot))
        {
            if (o.Status == "open")
            {
                o.Status = "expired";
                o.Reason = Views.Reason(ReasonCode.GateClosure);
                o.OpenKwh = 0;
                Touch(o);
            }
        }

        var sealedSummary = DropUnrevealed(market, slot);
        var trades = market.Trades(slot);
        var root = _ledger.MerkleRootHex(trades.Select(t => (JsonNode)Views.Trade(t)).ToList());
        var record = new GateClosureRecord(market.Spec.MarketId, slot, time, price, poolVolume ?? trades.Sum(t => t.QuantityKwh), trades.Count, root,
            trades.Select(t => t.TradeId).ToList());
        market.Closures.Add(slot, record);
        var json = ClosureView(record, market.Spec);
        if (sealedSummary is not null)
        {
            json["sealed_bids"] = sealedSummary.DeepClone();
        }

        if (Writing)
        {
            Batch.GateClosures.Add(record);
            _ledger.Append(Batch, "gate.closed", json, time);
            PendingEvents.Add(new StreamEvent("gate_closure", json));
        }

        return new CommandResult(200, json);
    }

    private decimal? ClearAuction(MarketRuntime market, int slot, DateTimeOffset time)
    {
        var open = market.Orders(slot).Where(o => o.Status == "open").ToList();
        if (open.Count == 0)
        {
            return null;
        }

        var byId = open.ToDictionary(o => "o" + o.Number.ToString(CultureInfo.InvariantCulture), StringComparer.Ordinal);
        var orders = open.Select(o => new AuctionOrder(new OrderId("o" + o.Number.ToString(CultureInfo.InvariantCulture)), new ParticipantId(o.ParticipantId),
            o.Side, slot, [new AuctionStep((double)o.PriceEurPerMwh, (double)o.OpenKwh)], Instant.FromDateTimeOffset(o.SubmittedAt), o.Number));
        var result = new UniformPriceAuction().Clear(new AuctionBook(orders));
        foreach (var t in result.Trades)
        {
            var buy = byId[t.BuyOrder.Value];
            var sell = byId[t.SellOrder.Value];
            var quantity = Math.Round((decimal)t.QuantityKwh, 3);
            if (quantity <= 0)
            {
                continue;
            }

            AddTrade(market, new ServerTrade(_nextTrade++, market.Spec.MarketId, slot, buy.ParticipantId, sell.ParticipantId, buy.ClientOrderId,
                sell.ClientOrderId, Math.Round((decimal)t.BuyerPriceEurPerMwh, 6), quantity, time));
            Fill(buy, quantity);
            Fill(sell, quantity);
        }

        var clearing = result.Slots.FirstOrDefault()?.ClearingPriceEurPerMwh;
        return clearing is { } c ? Math.Round((decimal)c, 6) : null;
    }

    private List<ServerTrade> ApplyBookEvents(MarketRuntime market, int slot, int start, DateTimeOffset time)
    {
        var books = market.Books!;
        var events = books.Events(market.Spec.ProductId(slot));
        var book = books.Book(market.Spec.ProductId(slot))!;
        var trades = new List<ServerTrade>();
        for (var i = start; i < events.Count; i++)
        {
            var e = events[i];
            var order = _orders.GetValueOrDefault(e.Order.ClientOrderId);
            if (order is null)
            {
                continue;
            }

            switch (e.Kind)
            {
                case OrderBookEventKind.Traded:
                    var resting = _orders[e.Counterparty.ClientOrderId];
                    var quantity = book.QuantityFromLots(e.Lots) * 1000m;
                    var (buy, sell) = order.Side == OrderSide.Buy ? (order, resting) : (resting, order);
                    var trade = new ServerTrade(_nextTrade++, market.Spec.MarketId, slot, buy.ParticipantId, sell.ParticipantId, buy.ClientOrderId,
                        sell.ClientOrderId, book.PriceFromTicks(e.PriceTicks), quantity, time);
                    AddTrade(market, trade);
                    trades.Add(trade);
                    Fill(order, quantity);
                    Fill(resting, quantity);
                    break;
                case OrderBookEventKind.Cancelled:
                    End(order, "cancelled", e.Reason);
                    break;
                case OrderBookEventKind.Expired:
                    End(order, "expired", e.Reason);
                    break;
                default:
                    break;
            }
        }

        return trades;
    }

    private void AddTrade(MarketRuntime market, ServerTrade trade)
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

    private void Fill(ServerOrder order, decimal quantityKwh)
    {
        order.FilledKwh += quantityKwh;
        order.OpenKwh -= quantityKwh;
        if (order.OpenKwh <= 0)
        {
            order.OpenKwh = 0;
            order.Status = "filled";
        }

        Touch(order);
    }

    private void End(ServerOrder order, string status, ReasonCode reason)
    {
        order.Status = status;
        order.Reason = Views.Reason(reason);
        order.OpenKwh = 0;
        Touch(order);
    }

    private CommandResult? Check(MarketSpec spec, int slot, decimal price, decimal quantity, DateTimeOffset time)
    {
        if (slot < 0 || slot >= spec.SlotCount)
        {
            return Views.Invalid("slot", $"must be in [0, {spec.SlotCount - 1}] for market '{spec.MarketId}'.");
        }

        if (price < spec.MinPriceEurPerMwh || price > spec.MaxPriceEurPerMwh)
        {
            return Views.Invalid("price_eur_per_mwh", $"must be in [{spec.MinPriceEurPerMwh}, {spec.MaxPriceEurPerMwh}] EUR/MWh.");
        }

        if (price % spec.TickSizeEurPerMwh != 0)
        {
            return Views.Invalid("price_eur_per_mwh", $"must be a whole number of ticks of {spec.TickSizeEurPerMwh} EUR/MWh.");
        }

        if (quantity <= 0 || quantity % LotKwh != 0 || quantity > 1_000_000_000m)
        {
            return Views.Invalid("quantity_kwh", "must be a positive whole number of kWh (the lot), at most 1e9.");
        }

        var market = _markets[spec.MarketId];
        return GateClosed(market, slot, time)
            ? new CommandResult(409, Views.Problem(409, "Gate closed.", $"slot: the gate of slot {slot} closed at {SqliteMarketStore.Time(spec.GateClosure(slot))}.",
                new Dictionary<string, string> { ["slot"] = "gate closed" }))
            : null;
    }

    private static bool GateClosed(MarketRuntime market, int slot, DateTimeOffset time) => market.Closures.ContainsKey(slot) || time >= market.Spec.GateClosure(slot);

    private static CommandResult NotFoundOrder(string clientOrderId) =>
        new(404, Views.Problem(404, "Not found.", $"client_order_id: you have no order '{clientOrderId}'."));

    private bool Writing => _replayParticipants is null;

    private void Accept(string kind, JsonObject payload, DateTimeOffset time)
    {
        var sequence = _nextSequence++;
        if (Writing)
        {
            Batch.Commands.Add(new StoredCommand(sequence, time, kind, payload.ToJsonString()));
            _ledger.Append(Batch, "command." + kind, new JsonObject { ["sequence"] = sequence, ["kind"] = kind, ["command"] = payload.DeepClone() }, time);
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

    private static int Int(JsonObject p, string name) => p[name]!.GetValue<int>();

    private static decimal Dec(JsonObject p, string name) => p[name]!.GetValue<decimal>();

    /// <summary>The hex SHA-256 of an API key, as stored.</summary>
    public static string HashKey(string apiKey) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));
}
