namespace Lem.Server.Engine.Markets.Flexibility;

/// <summary>
/// A DSO flexibility market on the server (docs/server-flexibility.md). Its commands (<c>market_command</c>, in the
/// command log and the ledger like every command) declare congestion points, post requests, post and revoke offers and
/// order offers. Without a grid, each slot's gate closure orders, for every open request in posting order, the cheapest
/// open offers of the request's congestion point, slot and direction until the request is met (pay-as-bid). With the
/// grid of an inline scenario, the gate closure (or the DSO's <c>clear</c> before it) clears the slot as <c>lem flex</c>
/// does (<see cref="FlexGridSlotClearing"/>) and keeps the orders, flexibility prices and AC violations before and
/// after. Views are per caller: an FSP sees the congestion points, the requests and only its own offers and orders; a
/// DSO only its own congestion points and what was requested, offered, ordered and cleared there; the operator everything.
/// </summary>
internal sealed class FlexibilityServerMarket : ServerMarketBase
{
    /// <summary>The command names.</summary>
    public const string CongestionPointCommand = "congestion_point";

    /// <summary>Posts a request (DSO).</summary>
    public const string RequestCommand = "request";

    /// <summary>Posts an offer (FSP).</summary>
    public const string OfferCommand = "offer";

    /// <summary>Revokes an offer (FSP).</summary>
    public const string RevokeCommand = "revoke";

    /// <summary>Orders an offer (DSO).</summary>
    public const string OrderCommand = "order";

    /// <summary>Clears a slot now, before its gate closure (DSO).</summary>
    public const string ClearCommand = "clear";

    private readonly Dictionary<string, FlexAreaRecord> _areas = new(StringComparer.Ordinal);
    private readonly List<FlexRequestRecord> _requests = [];
    private readonly List<FlexOfferRecord> _offers = [];
    private readonly List<FlexOrderRecord> _orders = [];
    private readonly SortedDictionary<int, JsonObject> _clearings = [];
    private readonly Lem.Pipeline.Scenario? _scenario;
    private readonly HashSet<string> _gridBuses = new(StringComparer.Ordinal);

    /// <summary>Creates the market; with a scenario, on its grid, with the congestion points its flexibility section declares.</summary>
    public FlexibilityServerMarket(MarketSpec spec, IMarketHost host, Lem.Pipeline.Scenario? scenario)
        : base(spec, host)
    {
        _scenario = scenario;
        if (scenario?.Grid is { } grid)
        {
            _gridBuses.UnionWith(grid.Buses.Select(b => b.Id.Value));
        }

        foreach (var c in scenario?.Flexibility?.CongestionPoints ?? [])
        {
            _areas.Add(c.Id, new FlexAreaRecord(c.Id, c.Dso!.Value.Value, [.. c.Buses.Select(b => b.Value)]));
        }
    }

    /// <summary>True when the market clears with a grid.</summary>
    private bool HasGrid => _scenario?.Grid is not null;

    /// <summary>The DSO that operates the market's grid: the one whose congestion points it declares (null before the first).</summary>
    private string? GridDso => HasGrid ? _areas.Values.FirstOrDefault()?.Dso : null;

    /// <inheritdoc />
    public override CommandResult? RefusePlainOrders() =>
        new(409, Views.Problem(409, "Conflict.", "This is a flexibility market: FSPs post offers to /v1/markets/{id}/flex/offer, not orders."));

    /// <inheritdoc />
    public override CommandResult Command(JsonObject command, Instant time)
    {
        ArgumentNullException.ThrowIfNull(command);
        var who = Text(command, "participant_id")!;
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var result = Text(command, "command") switch
        {
            CongestionPointCommand => DeclareArea(command, who, errors),
            RequestCommand => PostRequest(command, who, time, errors),
            OfferCommand => PostOffer(command, who, time, errors),
            RevokeCommand => Revoke(command, who),
            OrderCommand => Order(command, who, time, errors),
            ClearCommand => ClearNow(command, who, time, errors),
            var other => new CommandResult(404, Views.Problem(404, "Not found.", $"command: a flexibility market has no command '{other}'.")),
        };
        return errors.Count > 0
            ? new CommandResult(400, Views.Problem(400, "One or more fields are invalid.", string.Join("; ", errors.Select(e => $"{e.Key}: {e.Value}")), errors))
            : result;
    }

    /// <inheritdoc />
    public override CommandResult View(Principal caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var all = caller.Role == Role.Operator;
        var dso = caller.Role == Role.Dso;
        var ownAreas = _areas.Values.Where(a => all || a.Dso == caller.Id).Select(a => a.CongestionPointId).ToHashSet(StringComparer.Ordinal);
        bool Mine(FlexOfferRecord o) => all || (dso ? DsoOf(o) == caller.Id : o.Fsp == caller.Id);
        var orders = _orders.Where(o => all || (dso ? o.Dso == caller.Id : o.Offer.Fsp == caller.Id)).ToList();
        var gridView = all || (dso && GridDso == caller.Id);
        return new CommandResult(200, new JsonObject
        {
            ["grid"] = HasGrid,
            ["market_id"] = Spec.MarketId,
            ["congestion_points"] = new JsonArray([.. _areas.Values.Where(a => !dso || ownAreas.Contains(a.CongestionPointId)).Select(AreaView)]),
            ["requests"] = new JsonArray([.. _requests.Where(r => !dso || ownAreas.Contains(r.CongestionPointId)).Select(RequestView)]),
            ["offers"] = new JsonArray([.. _offers.Where(Mine).Select(OfferView)]),
            ["orders"] = new JsonArray([.. orders.Select(OrderView)]),
            ["clearings"] = new JsonArray([.. _clearings.Values.Where(_ => gridView).Select(c => c.DeepClone())]),
            ["settlement"] = Statement(orders),
        });
    }

    /// <summary>The DSO whose area an offer is in: its congestion point's, or for a bus-only offer the grid's.</summary>
    private string? DsoOf(FlexOfferRecord o) => o.CongestionPointId is { } id ? _areas[id].Dso : GridDso;

    /// <inheritdoc />
    public override GateClosureOutcome CloseGate(int slot, Instant time)
    {
        if (HasGrid && !_clearings.ContainsKey(slot))
        {
            ClearWithGrid(slot, "gate_closure");
        }

        // The published volume: the energy the slot's grid clearing ordered (also when the DSO cleared it earlier), or the merit order's.
        return new(null, HasGrid ? _orders.Where(o => o.Offer.Slot == slot && o.ClearedBy is not null).Sum(o => EnergyKwh(o.Kw)) : MeritOrder(slot));
    }

    /// <summary>The DSO clears a slot before its gate closure: with the grid, once (the slot then takes no offers or requests); without, by merit order (again at the gate closure for what is still open).</summary>
    private CommandResult ClearNow(JsonObject c, string dso, Instant time, Dictionary<string, string> errors)
    {
        var slot = Slot(c, time, errors);
        if (slot is null)
        {
            return Invalid();
        }

        if (HasGrid && GridDso != dso)
        {
            return new CommandResult(403, Views.Problem(403, "Forbidden.", $"participant_id: the grid of market '{Spec.MarketId}' is operated by {(GridDso is null ? "no DSO yet" : $"'{GridDso}'")}; only its DSO clears it."));
        }

        var before = _orders.Count;
        var energyKwh = HasGrid ? ClearWithGrid(slot.Value, "dso") : MeritOrder(slot.Value, dso);
        var result = HasGrid ? _clearings[slot.Value].DeepClone().AsObject() : new JsonObject { ["slot"] = slot, ["cleared_by"] = "dso" };
        result["energy_kwh"] = energyKwh;
        result["orders"] = new JsonArray([.. _orders.Skip(before).Select(OrderView)]);
        return new CommandResult(200, result);
    }

    /// <summary>Clears a slot with the grid (the slot's open offers and requests) and keeps its summary; returns the ordered energy.</summary>
    private decimal ClearWithGrid(int slot, string clearedBy)
    {
        var offers = _offers.Where(o => !o.Revoked && !o.Ordered && o.Slot == slot).ToList();
        var requests = _requests.Where(r => r.Slot == slot).Select(r => (r, r.Kw - _orders.Where(o => o.RequestId == r.RequestId && o.Dso == r.Dso).Sum(o => o.Kw)));
        var (orders, summary) = FlexGridSlotClearing.Clear(_scenario!, slot, Spec.SlotMinutes / 60.0, _areas.Values, offers, requests, clearedBy);
        _clearings[slot] = summary;
        var energyKwh = 0m;
        foreach (var (offer, kw, kvar, price) in orders)
        {
            offer.Ordered = true;
            _orders.Add(new FlexOrderRecord($"grid-{slot}-{offer.Fsp}-{offer.OfferId}", offer, DsoOf(offer) ?? "", null, kw) { Kvar = kvar, PriceEurPerMwh = price, ClearedBy = clearedBy });
            energyKwh += EnergyKwh(kw);
        }

        return energyKwh;
    }

    /// <summary>The merit order of a slot (no grid): each open request (of <paramref name="dso"/> when given) from the cheapest open offers of its area; returns the ordered energy.</summary>
    private decimal MeritOrder(int slot, string? dso = null)
    {
        var energyKwh = 0m;
        foreach (var request in _requests.Where(r => r.Slot == slot && (dso is null || r.Dso == dso)))
        {
            var remaining = request.Kw - _orders.Where(o => o.RequestId == request.RequestId && o.Dso == request.Dso).Sum(o => o.Kw);
            var candidates = Open(request.CongestionPointId, slot, request.Direction).OrderBy(o => o.PriceEurPerMwh).ThenBy(o => o.Sequence).ToList();
            foreach (var offer in candidates)
            {
                if (remaining <= 0)
                {
                    break;
                }

                var kw = Math.Min(offer.Kw, remaining);
                if (kw < offer.Kw * offer.MinActivationFactor)
                {
                    continue;
                }

                offer.Ordered = true;
                _orders.Add(new FlexOrderRecord($"auto-{request.RequestId}-{offer.Fsp}-{offer.OfferId}", offer, request.Dso, request.RequestId, kw));
                remaining -= kw;
                energyKwh += EnergyKwh(kw);
            }
        }

        return energyKwh;
    }

    private IEnumerable<FlexOfferRecord> Open(string congestionPointId, int slot, string direction) =>
        _offers.Where(o => !o.Revoked && !o.Ordered && o.Slot == slot && o.CongestionPointId == congestionPointId && o.Direction == direction);

    private CommandResult DeclareArea(JsonObject c, string dso, Dictionary<string, string> errors)
    {
        var id = Id(c, "congestion_point_id", errors);
        if (id is null)
        {
            return Invalid();
        }

        if (_areas.ContainsKey(id))
        {
            return new CommandResult(409, Views.Problem(409, "Conflict.", $"congestion_point_id: '{id}' is declared already."));
        }

        var buses = HasGrid ? Buses(c, errors) : [];
        if (errors.Count > 0)
        {
            return Invalid();
        }

        if (GridDso is { } operatorId && operatorId != dso)
        {
            return new CommandResult(403, Views.Problem(403, "Forbidden.", $"congestion_point_id: the grid of market '{Spec.MarketId}' is operated by '{operatorId}'; only it declares congestion points."));
        }

        var area = new FlexAreaRecord(id, dso, buses);
        _areas.Add(id, area);
        return new CommandResult(201, AreaView(area).AsObject());
    }

    /// <summary>The <c>buses</c> of a congestion point on a market with a grid: a non-empty array of the grid's bus ids.</summary>
    private List<string> Buses(JsonObject c, Dictionary<string, string> errors)
    {
        var buses = (c["buses"] as JsonArray)?.Select(b => b is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null).ToList();
        if (buses is not { Count: > 0 } || buses.Any(b => b is null || !_gridBuses.Contains(b)))
        {
            errors["buses"] = "is required on a market with a grid: a non-empty array of the grid's bus ids";
            return [];
        }

        return [.. buses.Distinct(StringComparer.Ordinal).Select(b => b!)];
    }

    private static JsonNode AreaView(FlexAreaRecord a) => new JsonObject
    {
        ["congestion_point_id"] = a.CongestionPointId, ["dso"] = a.Dso, ["buses"] = new JsonArray([.. a.Buses.Select(b => (JsonNode)JsonValue.Create(b))]),
    };

    private CommandResult PostRequest(JsonObject c, string dso, Instant time, Dictionary<string, string> errors)
    {
        var (id, area, slot, direction, kw) = Target(c, "request_id", time, errors);
        if (errors.Count > 0)
        {
            return Invalid();
        }

        if (area!.Dso != dso)
        {
            return new CommandResult(403, Views.Problem(403, "Forbidden.", $"congestion_point_id: '{area.CongestionPointId}' is another DSO's area."));
        }

        if (_requests.Any(r => r.Dso == dso && r.RequestId == id))
        {
            return new CommandResult(409, Views.Problem(409, "Conflict.", $"request_id: you have a request '{id}' already."));
        }

        var request = new FlexRequestRecord(id!, dso, area.CongestionPointId, slot!.Value, direction!, kw!.Value);
        _requests.Add(request);
        return new CommandResult(201, RequestView(request).AsObject());
    }

    private CommandResult PostOffer(JsonObject c, string fsp, Instant time, Dictionary<string, string> errors)
    {
        var id = Id(c, "offer_id", errors);
        var slot = Slot(c, time, errors);
        var direction = Direction(c, errors);
        var (area, bus) = HasGrid ? GridPlace(c, errors) : (Area(c, errors), null);
        var kw = HasGrid ? NonNegative(c, "kw", errors) : Positive(c, "kw", errors);
        var kvar = HasGrid ? NonNegative(c, "kvar", errors) : 0m;
        if (kw == 0 && kvar == 0)
        {
            errors["kw"] = "kw or kvar must be above 0";
        }

        var price = Number(c, "price_eur_per_mwh", errors);
        if (price is { } p && (p < Spec.MinPriceEurPerMwh || p > Spec.MaxPriceEurPerMwh))
        {
            errors["price_eur_per_mwh"] = $"must be within the market's band {Spec.MinPriceEurPerMwh} to {Spec.MaxPriceEurPerMwh}";
        }

        var factor = c["min_activation_factor"] is null ? 1m : Number(c, "min_activation_factor", errors);
        if (factor is { } f && (f < 0 || f > 1))
        {
            errors["min_activation_factor"] = "must be from 0 to 1";
        }

        if (errors.Count > 0)
        {
            return Invalid();
        }

        if (_offers.Any(o => o.Fsp == fsp && o.OfferId == id))
        {
            return new CommandResult(409, Views.Problem(409, "Conflict.", $"offer_id: you have an offer '{id}' already."));
        }

        var offer = new FlexOfferRecord(area?.CongestionPointId, slot!.Value, direction!, kw!.Value, price!.Value, factor!.Value, _offers.Count)
        {
            OfferId = id!, Fsp = fsp, Bus = bus, Kvar = kvar!.Value,
        };
        _offers.Add(offer);
        return new CommandResult(201, OfferView(offer).AsObject());
    }

    /// <summary>Where an offer is on a market with a grid: its <c>bus</c> (required) and, optionally, a congestion point that contains it.</summary>
    private (FlexAreaRecord? Area, string? Bus) GridPlace(JsonObject c, Dictionary<string, string> errors)
    {
        var bus = Text(c, "bus");
        if (bus is null || !_gridBuses.Contains(bus))
        {
            errors["bus"] = bus is null ? "is required on a market with a grid" : $"the grid has no bus '{bus}'";
            return (null, null);
        }

        var area = c["congestion_point_id"] is null ? null : Area(c, errors);
        if (area is not null && !area.Buses.Contains(bus, StringComparer.Ordinal))
        {
            errors["congestion_point_id"] = $"'{area.CongestionPointId}' does not contain bus '{bus}'";
        }

        return (area, bus);
    }

    private CommandResult Revoke(JsonObject c, string fsp)
    {
        var id = Text(c, "offer_id");
        var offer = _offers.FirstOrDefault(o => o.Fsp == fsp && o.OfferId == id);
        if (offer is null)
        {
            return new CommandResult(404, Views.Problem(404, "Not found.", $"offer_id: you have no offer '{id}'."));
        }

        if (offer.Ordered || offer.Revoked)
        {
            return new CommandResult(409, Views.Problem(409, "Conflict.", $"offer_id: the offer is {(offer.Ordered ? "ordered" : "revoked")} already."));
        }

        offer.Revoked = true;
        return new CommandResult(200, OfferView(offer).AsObject());
    }

    private CommandResult Order(JsonObject c, string dso, Instant time, Dictionary<string, string> errors)
    {
        var id = Id(c, "order_id", errors);
        var fsp = Text(c, "fsp");
        var offerId = Text(c, "offer_id");
        if (fsp is null || offerId is null)
        {
            errors[fsp is null ? "fsp" : "offer_id"] = "is required (a string)";
        }

        var factor = c["activation_factor"] is null ? 1m : Number(c, "activation_factor", errors);
        if (errors.Count > 0)
        {
            return Invalid();
        }

        var offer = _offers.FirstOrDefault(o => o.Fsp == fsp && o.OfferId == offerId);
        if (offer is null || DsoOf(offer) != dso)
        {
            return new CommandResult(404, Views.Problem(404, "Not found.", $"offer_id: no offer '{offerId}' of '{fsp}' in your areas."));
        }

        if (offer.Ordered || offer.Revoked || GateClosed(offer.Slot, time) || _orders.Any(o => o.Dso == dso && o.OrderId == id))
        {
            var why = offer.Ordered ? "the offer is ordered already" : offer.Revoked ? "the offer is revoked" : GateClosed(offer.Slot, time) ? "the slot's gate is closed" : $"you have an order '{id}' already";
            return new CommandResult(409, Views.Problem(409, "Conflict.", $"offer_id: {why}."));
        }

        if (factor < offer.MinActivationFactor || factor > 1m)
        {
            errors["activation_factor"] = $"must be from the offer's minimum activation factor {offer.MinActivationFactor} to 1";
            return Invalid();
        }

        offer.Ordered = true;
        var order = new FlexOrderRecord(id!, offer, dso, null, offer.Kw * factor!.Value);
        _orders.Add(order);
        return new CommandResult(201, OrderView(order).AsObject());
    }

    private JsonObject Statement(IEnumerable<FlexOrderRecord> orders) => new()
    {
        ["fsps"] = new JsonArray([.. orders.GroupBy(o => o.Offer.Fsp, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (JsonNode)new JsonObject
        {
            ["fsp"] = g.Key,
            ["orders"] = g.Count(),
            ["energy_kwh"] = g.Sum(o => EnergyKwh(o.Kw)),
            ["amount_eur"] = g.Sum(Amount),
        })]),
    };

    /// <summary>The energy of an order: its power over one slot.</summary>
    private decimal EnergyKwh(decimal kw) => kw * Spec.SlotMinutes / 60m;

    /// <summary>What the DSO pays the FSP for an order, pay-as-bid, to the cent (half away from zero).</summary>
    private decimal Amount(FlexOrderRecord o) => decimal.Round(EnergyKwh(o.Kw > 0 ? o.Kw : o.Kvar) * o.PriceEurPerMwh / 1000m, 2, MidpointRounding.AwayFromZero);

    private JsonNode RequestView(FlexRequestRecord r) => new JsonObject
    {
        ["request_id"] = r.RequestId, ["dso"] = r.Dso, ["congestion_point_id"] = r.CongestionPointId, ["slot"] = r.Slot, ["direction"] = r.Direction, ["kw"] = r.Kw,
    };

    private static JsonNode OfferView(FlexOfferRecord o) => new JsonObject
    {
        ["offer_id"] = o.OfferId, ["fsp"] = o.Fsp, ["congestion_point_id"] = o.CongestionPointId, ["bus"] = o.Bus, ["slot"] = o.Slot, ["direction"] = o.Direction, ["kw"] = o.Kw,
        ["kvar"] = o.Kvar, ["price_eur_per_mwh"] = o.PriceEurPerMwh, ["min_activation_factor"] = o.MinActivationFactor,
        ["status"] = o.Revoked ? "revoked" : o.Ordered ? "ordered" : "open",
    };

    private JsonNode OrderView(FlexOrderRecord o) => new JsonObject
    {
        ["order_id"] = o.OrderId, ["dso"] = o.Dso, ["fsp"] = o.Offer.Fsp, ["offer_id"] = o.Offer.OfferId, ["request_id"] = o.RequestId,
        ["congestion_point_id"] = o.Offer.CongestionPointId, ["bus"] = o.Offer.Bus, ["slot"] = o.Offer.Slot, ["direction"] = o.Offer.Direction, ["kw"] = o.Kw,
        ["kvar"] = o.Kvar, ["price_eur_per_mwh"] = o.PriceEurPerMwh, ["amount_eur"] = Amount(o), ["cleared_by"] = o.ClearedBy,
    };

    /// <summary>The fields a request and an offer share: its id, congestion point, slot (gate open), direction and power.</summary>
    private (string? Id, FlexAreaRecord? Area, int? Slot, string? Direction, decimal? Kw) Target(JsonObject c, string idField, Instant time, Dictionary<string, string> errors) =>
        (Id(c, idField, errors), Area(c, errors), Slot(c, time, errors), Direction(c, errors), Positive(c, "kw", errors));

    private static CommandResult Invalid() => new(400, new JsonObject());

    private static string? Text(JsonObject c, string name) =>
        c[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static string? Id(JsonObject c, string name, Dictionary<string, string> errors)
    {
        var text = Text(c, name);
        if (text is null || text.Length is 0 or > 64 || !text.All(ch => char.IsAsciiLetterOrDigit(ch) || "_-.:@/".Contains(ch, StringComparison.Ordinal)))
        {
            errors[name] = "is required: 1 to 64 letters, digits or _-.:@/";
            return null;
        }

        return text;
    }

    private FlexAreaRecord? Area(JsonObject c, Dictionary<string, string> errors)
    {
        var id = Text(c, "congestion_point_id");
        if (id is null || !_areas.TryGetValue(id, out var area))
        {
            errors["congestion_point_id"] = id is null ? "is required" : $"no congestion point '{id}' is declared";
            return null;
        }

        return area;
    }

    private int? Slot(JsonObject c, Instant time, Dictionary<string, string> errors)
    {
        if (c["slot"] is not JsonValue v || !v.TryGetValue<int>(out var slot) || slot < 0 || slot >= Spec.SlotCount)
        {
            errors["slot"] = $"must be a slot from 0 to {Spec.SlotCount - 1}";
            return null;
        }

        if (GateClosed(slot, time))
        {
            errors["slot"] = "its gate is closed";
            return null;
        }

        if (_clearings.ContainsKey(slot))
        {
            errors["slot"] = "it is cleared already";
            return null;
        }

        return slot;
    }

    private static string? Direction(JsonObject c, Dictionary<string, string> errors)
    {
        var d = Text(c, "direction");
        if (d is not ("up" or "down"))
        {
            errors["direction"] = "must be up or down";
            return null;
        }

        return d;
    }

    private static decimal? Number(JsonObject c, string name, Dictionary<string, string> errors)
    {
        if (c[name] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<decimal>(out var d))
        {
            return d;
        }

        errors[name] = "must be a number";
        return null;
    }

    private static decimal? NonNegative(JsonObject c, string name, Dictionary<string, string> errors)
    {
        if (c[name] is null)
        {
            return 0m;
        }

        var d = Number(c, name, errors);
        if (d is < 0)
        {
            errors[name] = "must be 0 or more";
            return null;
        }

        return d;
    }

    private static decimal? Positive(JsonObject c, string name, Dictionary<string, string> errors)
    {
        var d = Number(c, name, errors);
        if (d is <= 0)
        {
            errors[name] = "must be above 0";
            return null;
        }

        return d;
    }
}
