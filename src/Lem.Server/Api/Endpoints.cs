using System.Security.Cryptography;
using Lem.Pipeline;
using Lem.Server.Engine.Markets;
using Lem.Server.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Lem.Server.Api;

/// <summary>The HTTP API (minimal APIs, JSON with snake_case names, errors as RFC 7807 problem documents).</summary>
internal static class Endpoints
{
    /// <summary>The header carrying a participant's Ed25519 signature (base64) of the raw request body.</summary>
    public const string SignatureHeader = "X-Lem-Signature";

    /// <summary>The most price levels (ticks in the band) of one slot's order book (the book's own limit).</summary>
    private const decimal MaxPriceLevelsPerBook = 50_000_000m;

    private static readonly Instant EarliestDeliveryStart = Instant.FromUtc(1970, 1, 1, 0, 0);

    private static readonly Instant LatestDeliveryStart = Instant.FromUtc(9000, 1, 1, 0, 0);

    /// <summary>Maps every endpoint.</summary>
    public static void Map(IEndpointRouteBuilder app, ServerServices s)
    {
        var v1 = app.MapGroup("/v1");
        LedgerEndpoints.Map(v1, s, (c, read) => Read(c, s, Role.Public, _ => read()));

        v1.MapGet("/health", (HttpContext c) => Read(c, s, Role.Public, _ => Ok(new JsonObject
        {
            ["status"] = "ok",
            ["commands"] = s.Engine.CommandCount,
            ["server_public_key"] = s.Ledger.PublicKeyBase64,
        }))).WithSummary("Liveness, the number of accepted commands and the server's Ed25519 public key (public).");

        v1.MapPost("/markets", (Delegate)((HttpContext c) => CreateMarket(c, s))).Accepts<CreateMarketRequest>("application/json").WithSummary("Create a market (operator).");
        v1.MapGet("/markets", (HttpContext c) => Read(c, s, Role.Public, _ =>
            Ok(new JsonObject { ["markets"] = new JsonArray(s.Engine.Markets.Select(m => (JsonNode)MarketEngine.MarketView(m)).ToArray()) })))
            .WithSummary("List markets (public).");
        v1.MapGet("/markets/{marketId}", (HttpContext c, string marketId) => Read(c, s, Role.Public, _ =>
            s.Engine.Market(marketId) is { } m ? Ok(MarketEngine.MarketView(m)) : NoMarket(marketId))).WithSummary("One market (public).");
        v1.MapGet("/markets/{marketId}/prices", (HttpContext c, string marketId) => Read(c, s, Role.Public, _ => Prices(s, marketId)))
            .WithSummary("Cleared prices, volumes and Merkle roots per closed slot (public).");
        v1.MapGet("/markets/{marketId}/trades", (HttpContext c, string marketId) => MarketTrades(c, s, marketId))
            .WithSummary("A market's trades, anonymised, newest first: ?slot=N for one slot, ?limit=N (1 to 100000, default 1000) (public).");
        v1.MapGet("/markets/{marketId}/depth", (HttpContext c, string marketId) => Read(c, s, Role.Public, _ => Depth(c, s, marketId)))
            .WithSummary("Anonymised order-book depth of a continuous market's slot: ?slot=N (public).");
        v1.MapGet("/markets/{marketId}/positions", (HttpContext c, string marketId) => Read(c, s, Role.Dso, _ => Positions(s, marketId)))
            .WithSummary("Net positions per participant and slot, for grid analysis (DSO, operator).");
        v1.MapGet("/markets/{marketId}/grid", (HttpContext c, string marketId) => Read(c, s, Role.Dso, _ => s.Engine.Market(marketId) is { } m ? m.Grid() : NoMarket(marketId)))
            .WithSummary("AC check of a cleared pool market on a grid, per slot: voltages, loading, losses, violations (DSO, operator).");

        v1.MapGet("/participants", (HttpContext c) => Read(c, s, Role.Operator, _ => Ok(new JsonObject
        {
            ["participants"] = new JsonArray(s.Engine.Participants.Select(p => (JsonNode)new JsonObject
            {
                ["participant_id"] = p.ParticipantId,
                ["role"] = RoleNames.Name(p.Role),
                ["registered_at"] = WireTime.Text(p.RegisteredAt),
                ["signs_orders"] = p.PublicKey is not null,
            }).ToArray()),
        }))).WithSummary("Every registered participant and DSO: id, role, registration time, whether its orders must be signed (operator).");
        v1.MapGet("/me", (HttpContext c) => Read(c, s, Role.Public, p => p.Role == Role.Public
            ? Unauthorized()
            : Ok(new JsonObject { ["participant_id"] = p.Id, ["role"] = RoleNames.Name(p.Role) })))
            .WithSummary("Who the API key belongs to: its participant id and role (any key; the dashboard's sign-in).");
        v1.MapPost("/participants", (Delegate)((HttpContext c) => RegisterParticipant(c, s))).Accepts<RegisterParticipantRequest>("application/json").WithSummary("Register a participant or DSO; returns its API key once (operator).");

        v1.MapPost("/markets/{marketId}/orders", (HttpContext c, string marketId) => SubmitOrder(c, s, marketId))
            .Accepts<SubmitOrderRequest>("application/json").WithSummary("Submit an order; a retry with the same client_order_id and fields gets the same answer (participant).");
        v1.MapGet("/orders", (HttpContext c) => Read(c, s, Role.Participant, p =>
            Ok(new JsonObject { ["orders"] = new JsonArray(s.Engine.OwnOrders(p.Id).Select(o => (JsonNode)Views.Order(o)).ToArray()) })))
            .WithSummary("Your orders (participant).");
        v1.MapGet("/orders/{clientOrderId}", (HttpContext c, string clientOrderId) => Read(c, s, Role.Participant, p =>
            s.Engine.OwnOrder(p.Id, clientOrderId) is { } o ? Ok(Views.Order(o)) : NoOrder(clientOrderId))).WithSummary("One of your orders (participant).");
        v1.MapMethods("/orders/{clientOrderId}", ["PATCH"], (HttpContext c, string clientOrderId) => AmendOrder(c, s, clientOrderId))
            .Accepts<AmendOrderRequest>("application/json").WithSummary("Amend one of your open orders: new price and total quantity (participant).");
        v1.MapDelete("/orders/{clientOrderId}", (HttpContext c, string clientOrderId) => CancelOrder(c, s, clientOrderId))
            .WithSummary("Cancel one of your open orders (participant).");
        v1.MapGet("/trades", (HttpContext c) => Read(c, s, Role.Participant, p =>
            Ok(new JsonObject { ["trades"] = new JsonArray(s.Engine.OwnTrades(p.Id).Select(t => (JsonNode)Views.Trade(t)).ToArray()) })))
            .WithSummary("Your trades (participant).");
        v1.MapGet("/trades/{tradeId}/proof", (HttpContext c, string tradeId) => Read(c, s, Role.Participant, p => Proof(s, p, tradeId)))
            .WithSummary("The Merkle inclusion proof of one of your trades in its gate closure's published root (participant).");

        v1.MapPost("/gate-closures/run", (Delegate)(async (HttpContext c) =>
        {
            var (principal, problem) = Authorize(c, s, Role.Operator);
            return problem ?? (principal is null ? Write(Unauthorized()) : Write(await s.Sequencer.RunDueGateClosuresAsync().ConfigureAwait(false)));
        })).WithSummary("Run every due gate closure now (operator; the clock also runs them).");

        v1.MapGet("/stream", (HttpContext c) => Stream(c, s)).WithSummary("Server-sent events: trade and gate_closure (public).");

        v1.MapPost("/markets/{marketId}/commitments", (HttpContext c, string marketId) => CommitSealedBid(c, s, marketId))
            .Accepts<SealedBidCommitRequest>("application/json").WithSummary("Commit to a sealed bid before the slot's gate closure; a retry with the same client_bid_id and fields gets the same answer (participant).");
        v1.MapPost("/markets/{marketId}/reveals", (HttpContext c, string marketId) => RevealSealedBid(c, s, marketId))
            .Accepts<SealedBidRevealRequest>("application/json").WithSummary("Reveal a committed bid and its salt between gate closure and the reveal deadline (participant).");
        v1.MapGet("/markets/{marketId}/commitments", (HttpContext c, string marketId) => Read(c, s, Role.Public, _ =>
            s.Engine.Market(marketId) is { } m ? m.PublicCommitments() : NoMarket(marketId)))
            .WithSummary("Per slot of a sealed-bid market: the number of commitments, gate closure and reveal deadline; after clearing the revealed and dropped counts (public).");
        v1.MapGet("/commitments", (HttpContext c) => Read(c, s, Role.Participant, p =>
            Ok(new JsonObject { ["commitments"] = new JsonArray(s.Engine.OwnCommitments(p.Id).Select(x => (JsonNode)x.ToJson()).ToArray()) })))
            .WithSummary("Your sealed-bid commitments: committed, revealed or dropped (participant).");
        v1.MapGet("/settlement", (HttpContext c) => Read(c, s, Role.Public, p => p.Role == Role.Public
            ? Unauthorized()
            : SettlementStatement.Read(s.Engine, p, c.Request.Query.TryGetValue(SettlementStatement.ParticipantQuery, out var who) ? who.ToString() : null)))
            .WithSummary("Energy bought and sold and money at the trade prices per closed slot, to the cent: your own (participant); anyone's or all with ?participant_id (DSO, operator).");
    }

    private static async Task<IResult> CreateMarket(HttpContext c, ServerServices s)
    {
        var (principal, body, refused) = await AuthorizedBody(c, s, Role.Operator).ConfigureAwait(false);
        if (refused is not null || principal is null || body is null)
        {
            return refused!;
        }

        // The common fields in a fixed order, with every registered kind's hooks in between, so all problems come at once.
        var kinds = s.Engine.Kinds;
        var id = body.String("market_id", id: true);
        var mechanism = body.Choice("mechanism", kinds.Names);
        var chosen = mechanism is null ? null : kinds.Find(mechanism);
        var form = new MarketCreateForm(body, mechanism) { DefaultMaxOpenOrdersPerParticipant = s.DefaultMaxOpenOrdersPerParticipant, ChosenTakesScenario = chosen?.TakesScenario ?? false };
        var horizonRequired = chosen?.HorizonRequired ?? true;
        form.DeliveryStart = body.String("delivery_start", required: horizonRequired);
        form.SlotMinutes = body.Int("slot_minutes", 1, 1440, required: horizonRequired);
        form.SlotCount = body.Int("slot_count", 1, 1000, required: horizonRequired);
        foreach (var kind in kinds.All)
        {
            kind.ReadHorizon(form);
        }

        form.GateClosureLeadMinutes = body.Int("gate_closure_lead_minutes", 0, 10_080);
        var tick = form.TickSizeEurPerMwh = body.Decimal("tick_size_eur_per_mwh", required: false) ?? 0.01m;
        var min = form.MinPriceEurPerMwh = body.Decimal("min_price_eur_per_mwh", required: false) ?? -500m;
        var max = form.MaxPriceEurPerMwh = body.Decimal("max_price_eur_per_mwh", required: false) ?? 4000m;
        foreach (var kind in kinds.All)
        {
            kind.ReadSettings(form);
        }

        var startText = form.DeliveryStart;
        Instant start = default;
        if (startText is not null && !WireTime.TryParse(startText, out start))
        {
            body.Errors["delivery_start"] = "must be an ISO 8601 instant, e.g. 2026-03-01T00:00:00Z";
        }
        else if (startText is not null && (start < EarliestDeliveryStart || start > LatestDeliveryStart))
        {
            // Slot starts and gate closures must stay representable (an overflow inside the sequencer would stop the server).
            body.Errors["delivery_start"] = "must be between 1970-01-01T00:00:00Z and 9000-01-01T00:00:00Z";
        }

        var tickOk = tick is > 0 and <= 1000;
        if (!tickOk)
        {
            body.Errors["tick_size_eur_per_mwh"] = "must be in (0, 1000]";
        }

        if (min < -500 || max > 4000 || min >= max)
        {
            body.Errors["max_price_eur_per_mwh"] = "the band [min_price_eur_per_mwh, max_price_eur_per_mwh] must be non-empty and within [-500, 4000]";
        }
        else if (tickOk && (min % tick != 0 || max % tick != 0))
        {
            body.Errors["min_price_eur_per_mwh"] = "the band's ends must be whole numbers of ticks";
        }
        else if (tickOk && (max - min > tick * MaxPriceLevelsPerBook || Math.Max(Math.Abs(min), Math.Abs(max)) > tick * MaxPriceLevelsPerBook))
        {
            // A slot's book allocates price levels on demand but refuses a band of more than 50 million ticks.
            body.Errors["tick_size_eur_per_mwh"] = $"is too fine: the band and the prices would span more than {MaxPriceLevelsPerBook:N0} ticks";
        }
        else if (tickOk)
        {
            chosen?.CheckBand(form);
        }

        if (body.Problem() is { } problem)
        {
            return Write(problem);
        }

        var payload = new JsonObject
        {
            ["market_id"] = id,
            ["mechanism"] = mechanism,
            ["delivery_start"] = WireTime.Text(start),
            ["slot_minutes"] = form.SlotMinutes,
            ["slot_count"] = form.SlotCount,
            ["gate_closure_lead_minutes"] = form.GateClosureLeadMinutes,
            ["tick_size_eur_per_mwh"] = tick,
            ["min_price_eur_per_mwh"] = min,
            ["max_price_eur_per_mwh"] = max,
        };
        foreach (var (name, value) in form.Extra)
        {
            payload[name] = value?.DeepClone();
        }

        return Write(await s.Sequencer.SubmitAsync(CommandKinds.CreateMarket, payload).ConfigureAwait(false));
    }

    private static async Task<IResult> RegisterParticipant(HttpContext c, ServerServices s)
    {
        var (principal, body, refused) = await AuthorizedBody(c, s, Role.Operator).ConfigureAwait(false);
        if (refused is not null || principal is null || body is null)
        {
            return refused!;
        }

        var id = body.String("participant_id", id: true);
        var role = body.String("role", required: false) ?? "participant";
        if (role is not ("participant" or "dso"))
        {
            body.Errors["role"] = "must be participant or dso";
        }

        var keyText = body.String("ed25519_public_key", required: false);
        if (keyText is not null && !(TryBase64(keyText, out var key) && key.Length == Ed25519.PublicKeySizeBytes))
        {
            body.Errors["ed25519_public_key"] = "must be a 32-byte Ed25519 public key in base64";
        }

        if (body.Problem() is { } problem)
        {
            return Write(problem);
        }

        var apiKey = NewKey("lem_");
        var payload = new JsonObject { ["participant_id"] = id, ["role"] = role, ["ed25519_public_key"] = keyText };
        var result = await s.Sequencer.SubmitAsync(CommandKinds.RegisterParticipant, payload, MarketEngine.HashKey(apiKey)).ConfigureAwait(false);
        if (result.Status == 201 && result.Body is JsonObject o)
        {
            o["api_key"] = apiKey;
        }

        return Write(result);
    }

    private static Task<IResult> SubmitOrder(HttpContext c, ServerServices s, string marketId) => SubmitSigned(c, s, CommandKinds.SubmitOrder, (body, participantId) =>
    {
        var clientOrderId = body.String("client_order_id", id: true);
        var slot = body.Int("slot", 0, int.MaxValue);
        var side = body.Choice("side", "buy", "sell");
        var price = body.Decimal("price_eur_per_mwh");
        var quantity = body.Decimal("quantity_kwh");
        return () =>
        {
            var payload = new JsonObject
            {
                ["participant_id"] = participantId,
                ["client_order_id"] = clientOrderId,
                ["market_id"] = marketId,
                ["slot"] = slot,
                ["side"] = side,
                ["price_eur_per_mwh"] = price,
                ["quantity_kwh"] = quantity,
            };
            if (c.Request.Headers[SignatureHeader].ToString() is { Length: > 0 } signature)
            {
                payload["signature"] = signature;
            }

            return payload;
        };
    });

    private static Task<IResult> AmendOrder(HttpContext c, ServerServices s, string clientOrderId) => SubmitSigned(c, s, CommandKinds.AmendOrder, (body, participantId) =>
    {
        var price = body.Decimal("price_eur_per_mwh");
        var quantity = body.Decimal("quantity_kwh");
        return () => new JsonObject
        {
            ["participant_id"] = participantId,
            ["client_order_id"] = clientOrderId,
            ["price_eur_per_mwh"] = price,
            ["quantity_kwh"] = quantity,
        };
    });

    private static async Task<IResult> CancelOrder(HttpContext c, ServerServices s, string clientOrderId)
    {
        var (principal, denied) = Authorize(c, s, Role.Participant);
        if (denied is not null || principal is null)
        {
            return denied!;
        }

        var payload = new JsonObject { ["participant_id"] = principal.Id, ["client_order_id"] = clientOrderId };
        return Write(await s.Sequencer.SubmitAsync(CommandKinds.CancelOrder, payload).ConfigureAwait(false));
    }

    private static Task<IResult> CommitSealedBid(HttpContext c, ServerServices s, string marketId) => SubmitSigned(c, s, CommandKinds.CommitSealedBid, (body, participantId) =>
    {
        var clientBidId = body.String("client_bid_id", id: true);
        var slot = body.Int("slot", 0, int.MaxValue);
        var commitment = body.String("commitment");
        if (commitment is not null && (commitment.Length != 64 || !commitment.All(char.IsAsciiHexDigit)))
        {
            body.Errors["commitment"] = "must be a SHA-256 in hex (64 hex digits)";
        }

        return () => new JsonObject
        {
            ["participant_id"] = participantId,
            ["client_bid_id"] = clientBidId,
            ["market_id"] = marketId,
            ["slot"] = slot,
            ["commitment"] = commitment!.ToLowerInvariant(),
        };
    });

    private static Task<IResult> RevealSealedBid(HttpContext c, ServerServices s, string marketId) => SubmitSigned(c, s, CommandKinds.RevealSealedBid, (body, participantId) =>
    {
        var clientBidId = body.String("client_bid_id", id: true);
        var side = body.Choice("side", "buy", "sell");
        var price = body.Decimal("price_eur_per_mwh");
        var quantity = body.Decimal("quantity_kwh");
        var salt = body.String("salt_hex");
        if (salt is not null && (salt.Length < 2 * SealedBid.MinimumSaltBytes || salt.Length > 512 || salt.Length % 2 != 0 || !salt.All(char.IsAsciiHexDigit)))
        {
            body.Errors["salt_hex"] = $"must be the salt in hex: at least {SealedBid.MinimumSaltBytes} and at most 256 bytes";
        }

        return () => new JsonObject
        {
            ["participant_id"] = participantId,
            ["client_bid_id"] = clientBidId,
            ["market_id"] = marketId,
            ["side"] = side,
            ["price_eur_per_mwh"] = price,
            ["quantity_kwh"] = quantity,
            ["salt_hex"] = salt!.ToLowerInvariant(),
        };
    });


    /// <summary>
    /// A participant's signed command: authorises the caller, reads the JSON body (<paramref name="read"/> reads and checks
    /// the fields and returns how to build the payload), answers every field problem at once, checks the order signature
    /// when the participant registered a key, then submits the command and answers after its commit.
    /// </summary>
    private static async Task<IResult> SubmitSigned(HttpContext c, ServerServices s, string kind, Func<RequestBody, string, Func<JsonObject>> read)
    {
        var (principal, body, refused) = await AuthorizedBody(c, s, Role.Participant).ConfigureAwait(false);
        if (refused is not null || principal is null || body is null)
        {
            return refused!;
        }

        var payload = read(body, principal.Id);
        if (body.Problem() is { } problem)
        {
            return Write(problem);
        }

        if (CheckSignature(c, principal, body) is { } unsigned)
        {
            return Write(unsigned);
        }

        return Write(await s.Sequencer.SubmitAsync(kind, payload()).ConfigureAwait(false));
    }
    private static CommandResult Prices(ServerServices s, string marketId)
    {
        if (s.Engine.Market(marketId) is not { } m)
        {
            return NoMarket(marketId);
        }

        var slots = m.Closures.Values.OrderBy(g => g.Slot).Select(g => (JsonNode)MarketEngine.ClosureView(g, m)).ToArray();
        return Ok(new JsonObject { ["market_id"] = marketId, ["slots"] = new JsonArray(slots) });
    }

    /// <summary>The largest <c>limit</c> of <c>GET /v1/markets/{id}/trades</c>.</summary>
    private const int MaxTradesPerRead = 100_000;

    private static IResult MarketTrades(HttpContext c, ServerServices s, string marketId)
    {
        var (principal, denied) = Authorize(c, s, Role.Public);
        if (denied is not null || principal is null)
        {
            return denied!;
        }

        lock (s.Engine.SyncRoot)
        {
            return s.Engine.Market(marketId) is { } m ? MarketTrades(c, m) : Write(NoMarket(marketId));
        }
    }

    private static IResult MarketTrades(HttpContext c, IServerMarket m)
    {

        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var limit = 1000;
        if (c.Request.Query.TryGetValue("limit", out var limitText)
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > MaxTradesPerRead))
        {
            errors["limit"] = $"the query parameter limit must be an integer in [1, {MaxTradesPerRead}].";
        }

        int? slot = null;
        if (c.Request.Query.TryGetValue("slot", out var slotText))
        {
            if (int.TryParse(slotText, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n < m.Spec.SlotCount)
            {
                slot = n;
            }
            else
            {
                errors["slot"] = $"the query parameter slot must be an integer in [0, {m.Spec.SlotCount - 1}].";
            }
        }

        if (errors.Count > 0)
        {
            return Write(new CommandResult(400, Views.Problem(400, "One or more fields are invalid.", string.Join(" ", errors.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}: {e.Value}")), errors)));
        }

        var all = m.TradesBySlot.Where(kv => slot is null || kv.Key == slot).SelectMany(kv => kv.Value).ToList();
        all.Sort((a, b) => b.TradeId.CompareTo(a.TradeId));
        return new MarketTradesResult(m.Spec.MarketId, all.Count, all.Count > limit ? all.GetRange(0, limit) : all);
    }

    private static CommandResult Depth(HttpContext c, ServerServices s, string marketId)
    {
        if (s.Engine.Market(marketId) is not { } m)
        {
            return NoMarket(marketId);
        }

        if (!int.TryParse(c.Request.Query["slot"], NumberStyles.None, CultureInfo.InvariantCulture, out var slot) || slot >= m.Spec.SlotCount)
        {
            return Views.Invalid("slot", $"the query parameter slot must be an integer in [0, {m.Spec.SlotCount - 1}].");
        }

        return m.Depth(slot);
    }

    private static CommandResult Positions(ServerServices s, string marketId)
    {
        if (s.Engine.Market(marketId) is not { } m)
        {
            return NoMarket(marketId);
        }

        var rows = new JsonArray();
        foreach (var (slot, positions) in m.ClearedPositions.OrderBy(kv => kv.Key))
        {
            foreach (var (participant, position) in positions)
            {
                rows.Add(new JsonObject { ["slot"] = slot, ["participant_id"] = participant, ["net_injection_kwh"] = Views.Normalize(position.NetInjectionKwh) });
            }
        }

        foreach (var (slot, trades) in m.TradesBySlot.OrderBy(kv => kv.Key))
        {
            var net = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
            foreach (var t in trades)
            {
                net[t.Seller] = net.GetValueOrDefault(t.Seller) + t.QuantityKwh;
                net[t.Buyer] = net.GetValueOrDefault(t.Buyer) - t.QuantityKwh;
            }

            foreach (var (participant, kwh) in net)
            {
                rows.Add(new JsonObject { ["slot"] = slot, ["participant_id"] = participant, ["net_injection_kwh"] = Views.Normalize(kwh) });
            }
        }

        return Ok(new JsonObject { ["market_id"] = marketId, ["positions"] = rows });
    }

    private static CommandResult Proof(ServerServices s, Principal p, string tradeIdText)
    {
        if (!long.TryParse(tradeIdText, NumberStyles.None, CultureInfo.InvariantCulture, out var tradeId)
            || s.Engine.Trade(tradeId) is not { } trade || (trade.Buyer != p.Id && trade.Seller != p.Id))
        {
            return new CommandResult(404, Views.Problem(404, "Not found.", $"trade_id: you have no trade '{tradeIdText}'."));
        }

        var m = s.Engine.Market(trade.MarketId)!;
        if (!m.Closures.TryGetValue(trade.Slot, out var closure))
        {
            return new CommandResult(409, Views.Problem(409, "Not yet closed.", $"The gate of slot {trade.Slot} has not closed; its Merkle root is published at gate closure."));
        }

        var leaves = closure.TradeIds.Select(id => (JsonNode)Views.Trade(s.Engine.Trade(id)!)).ToList();
        var index = closure.TradeIds.ToList().IndexOf(tradeId);
        var proof = ServerLedger.Proof(leaves, index);
        return Ok(new JsonObject
        {
            ["trade"] = Views.Trade(trade),
            ["leaf"] = CanonicalJson.SerializeToString(leaves[index]),
            ["merkle_root"] = closure.MerkleRootHex,
            ["proof"] = proof.ToJson(),
        });
    }

    private static async Task Stream(HttpContext c, ServerServices s)
    {
        var channel = s.Stream.Subscribe();
        try
        {
            c.Response.ContentType = "text/event-stream";
            c.Response.Headers.CacheControl = "no-cache";
            await c.Response.WriteAsync(": lem stream\n\n", c.RequestAborted).ConfigureAwait(false);
            await c.Response.Body.FlushAsync(c.RequestAborted).ConfigureAwait(false);
            await foreach (var e in channel.Reader.ReadAllAsync(c.RequestAborted).ConfigureAwait(false))
            {
                await c.Response.WriteAsync($"event: {e.Name}\ndata: {e.Data.ToJsonString()}\n\n", c.RequestAborted).ConfigureAwait(false);
                await c.Response.Body.FlushAsync(c.RequestAborted).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The client went away.
        }
        finally
        {
            s.Stream.Unsubscribe(channel);
        }
    }

    private static CommandResult? CheckSignature(HttpContext c, Principal p, RequestBody body)
    {
        if (p.PublicKey is null)
        {
            return null;
        }

        var header = c.Request.Headers[SignatureHeader].ToString();
        if (!TryBase64(header, out var signature) || !Ed25519.Verify(p.PublicKey, body.Bytes, signature))
        {
            return new CommandResult(401, Views.Problem(401, "Bad signature.",
                $"{SignatureHeader}: your orders must carry the base64 Ed25519 signature of the exact request body by your registered key.",
                new Dictionary<string, string> { [SignatureHeader] = "missing or invalid signature" }));
        }

        return null;
    }

    private static IResult Read(HttpContext c, ServerServices s, Role role, Func<Principal, CommandResult> read)
    {
        var (principal, denied) = Authorize(c, s, role);
        if (denied is not null || principal is null)
        {
            return denied!;
        }

        lock (s.Engine.SyncRoot)
        {
            return Write(read(principal));
        }
    }

    /// <summary>Authorises the caller for <paramref name="role"/> and reads its JSON body; the refusal (401/403, 4xx problem) otherwise.</summary>
    private static async Task<(Principal? Principal, RequestBody? Body, IResult? Refused)> AuthorizedBody(HttpContext c, ServerServices s, Role role)
    {
        var (principal, denied) = Authorize(c, s, role);
        if (denied is not null || principal is null)
        {
            return (null, null, denied);
        }

        var (body, bad) = await RequestBody.ReadAsync(c).ConfigureAwait(false);
        return body is null ? (null, null, Write(bad!)) : (principal, body, null);
    }

    /// <summary>Resolves the caller and checks its role: 401 without valid credentials, 403 with the wrong role.</summary>
    private static (Principal? Principal, IResult? Problem) Authorize(HttpContext c, ServerServices s, Role required)
    {
        var principal = Credentials.Resolve(c.Request.Headers.Authorization.ToString(), s);
        if (principal is null)
        {
            return (null, Write(Unauthorized()));
        }

        var allowed = required switch
        {
            Role.Public => true,
            Role.Participant => principal.Role == Role.Participant,
            Role.Dso => principal.Role is Role.Dso or Role.Operator,
            _ => principal.Role == Role.Operator,
        };
        if (allowed)
        {
            return (principal, null);
        }

        return principal.Role == Role.Public
            ? (null, Write(Unauthorized()))
            : (null, Write(new CommandResult(403, Views.Problem(403, "Forbidden.", $"This needs the {RoleNames.Name(required)} role; you are {RoleNames.Name(principal.Role)}."))));
    }

    private static CommandResult Unauthorized() =>
        new(401, Views.Problem(401, "Unauthorized.", "Authorization: send 'Authorization: Bearer <api key>' with a valid key."));

    private static CommandResult Ok(JsonObject body) => new(200, body);

    private static CommandResult NoMarket(string marketId) => new(404, Views.Problem(404, "Not found.", $"market_id: no market '{marketId}'."));

    private static CommandResult NoOrder(string clientOrderId) => new(404, Views.Problem(404, "Not found.", $"client_order_id: you have no order '{clientOrderId}'."));

    /// <summary>A command result as an HTTP response (problem documents as application/problem+json).</summary>
    public static IResult Write(CommandResult r)
    {
        var type = r.Status >= 400 ? "application/problem+json" : "application/json";
        return Results.Text(r.Body.ToJsonString(), type, Encoding.UTF8, r.Status);
    }

    /// <summary>A new random key with a prefix (256 bits, base64url).</summary>
    public static string NewKey(string prefix) => prefix + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    private static bool TryBase64(string text, out byte[] bytes)
    {
        bytes = new byte[(text.Length * 3 / 4) + 3];
        if (Convert.TryFromBase64String(text, bytes, out var written))
        {
            bytes = bytes[..written];
            return true;
        }

        bytes = [];
        return false;
    }

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
