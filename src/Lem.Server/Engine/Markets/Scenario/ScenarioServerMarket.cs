using Lem.Domain.Units;
using Lem.Markets.Clearing;
using Lem.Markets.Pool;
using Lem.Pipeline;
using Lem.Settlement.Billing;
using Lem.Settlement.Invoices;

namespace Lem.Server.Engine.Markets.Scenario;

/// <summary>
/// A market over an inline scenario cleared by a registered clearing mechanism (<c>pool</c>, <c>p2p</c>, …):
/// participants whose id is a scenario participant add stepwise orders until the one gate closure (the first slot's).
/// The gate_closure command takes a snapshot (the scenario with the open server orders added) and the clearing runs off
/// the sequencer's lock (<see cref="DeferredClearing"/>): the <see cref="ClearingPipeline"/> on the whole horizon (grid
/// formulation "auto"; the AC check on a grid; the tariff settlement when the scenario has a <c>settlement</c> section).
/// Its outcome comes back in parts, each the canonical payload of a clearing_result command: the status with the accepted
/// fills of the server orders, then one part per slot (bus prices, each participant's position, the DSO's grid view of
/// the slot), which closes that slot, then one part per tariff invoice. Applying the parts (live and on replay, so a
/// replay never solves again) closes every slot; see docs/server-clearing.md.
/// </summary>
internal sealed class ScenarioServerMarket : ServerMarketBase
{
    private readonly Dictionary<int, SortedDictionary<string, ClearedPosition>> _positions = [];
    private readonly Dictionary<int, List<(string Location, decimal? PriceEurPerMwh)>> _busPrices = [];
    private readonly Dictionary<string, JsonObject> _invoices = new(StringComparer.Ordinal);
    private bool _clearing;
    private bool _succeeded;
    private string? _status;
    private string? _formulation;
    private readonly Dictionary<int, JsonObject> _gridSlots = [];
    private JsonObject? _grid;

    /// <summary>Creates the market over <paramref name="scenario"/>, cleared by <paramref name="mechanism"/>.</summary>
    public ScenarioServerMarket(MarketSpec spec, IMarketHost host, Lem.Pipeline.Scenario scenario, string mechanism)
        : base(spec, host)
    {
        Scenario = scenario;
        Mechanism = mechanism;
        ParticipantIds = new HashSet<string>(scenario.Participants.Select(p => p.Id.Value), StringComparer.Ordinal);
    }

    /// <summary>The scenario as read from the create_market command.</summary>
    public Lem.Pipeline.Scenario Scenario { get; }

    /// <summary>The registered name of the clearing mechanism (also the key of the closure's summary).</summary>
    public string Mechanism { get; }

    /// <summary>The ids of the scenario's participants: only they may submit orders.</summary>
    public IReadOnlySet<string> ParticipantIds { get; }

    /// <summary>True once a clearing result (successful or not) has been applied.</summary>
    public bool Cleared { get; private set; }

    /// <summary>Why the clearing failed (status and message), or null when it succeeded or has not been applied.</summary>
    public string? Failure { get; private set; }

    /// <summary>Per slot: each participant's net injection and the price at its bus.</summary>
    public override IReadOnlyDictionary<int, SortedDictionary<string, ClearedPosition>> ClearedPositions => _positions;

    /// <summary>A scenario market has one gate closure for every slot: the first slot's.</summary>
    public override Instant GateClosure(int slot) => Spec.LeadBefore(0);

    /// <summary>Every slot is clearing from the gate closure's snapshot until the result is applied.</summary>
    public override bool IsClearing(int slot) => _clearing;

    /// <summary>Adds <c>clearing_status</c>: <c>open</c> until the gate closure, <c>clearing</c> while the clearing runs off the lock, then <c>cleared</c>.</summary>
    public override void Describe(JsonObject market)
    {
        ArgumentNullException.ThrowIfNull(market);
        market["clearing_status"] = _clearing ? "clearing" : Cleared ? "cleared" : "open";
    }

    /// <inheritdoc />
    public override CommandResult? RefuseParticipant(string participantId) => ParticipantIds.Contains(participantId)
        ? null
        : new CommandResult(403, Views.Problem(403, "Not in the scenario.",
            $"participant_id: '{participantId}' is not a participant of the scenario of {Mechanism} market '{Spec.MarketId}'; only its participants may submit orders.",
            new Dictionary<string, string> { ["participant_id"] = "not a scenario participant" }));

    /// <summary>
    /// The first gate closure takes the snapshot of the whole horizon (all slots share it): the scenario with the open
    /// server orders added to their owners, each with what is open of it. The solve runs on that snapshot alone.
    /// </summary>
    public override DeferredClearing? StartClearing(int slot, Instant time)
    {
        if (Cleared || _clearing)
        {
            return null;
        }

        _clearing = true;
        var extra = new Dictionary<string, List<Order>>(StringComparer.Ordinal);
        var serverOrders = new Dictionary<string, (long Number, decimal OpenKwh)>(StringComparer.Ordinal);
        for (var s = 0; s < Spec.SlotCount; s++)
        {
            foreach (var o in Orders(s).Where(o => o.Status == OrderStatus.Open))
            {
                var id = "server-order-" + o.Number.ToString(CultureInfo.InvariantCulture);
                serverOrders.Add(id, (o.Number, o.OpenKwh));
                if (!extra.TryGetValue(o.ParticipantId, out var list))
                {
                    list = [];
                    extra.Add(o.ParticipantId, list);
                }

                list.Add(o.OpenOrder(new Lem.Domain.Ids.OrderId(id)));
            }
        }

        var withOrders = Scenario with
        {
            Participants = [.. Scenario.Participants.Select(p => extra.TryGetValue(p.Id.Value, out var add) ? p with { Orders = [.. p.Orders, .. add] } : p)],
        };
        var mechanism = Mechanism;
        var spec = Spec;
        return new DeferredClearing(Spec.MarketId, () => Solve(withOrders, mechanism, spec, serverOrders), ex => [FailurePayload("error", $"error: {ex.Message}")]);
    }

    /// <summary>
    /// Applies one part of the clearing (see <see cref="Solve"/>): the first sets the status and the fills (after a
    /// failure it is the only part and closes every slot), a slot part sets that slot's prices, positions and grid view and
    /// closes it, an invoice part adds tariff invoices; the last part ends the clearing.
    /// </summary>
    public override IReadOnlyList<int> ApplyClearing(JsonObject part, bool last, Instant time)
    {
        ArgumentNullException.ThrowIfNull(part);
        var close = new List<int>();
        if (part["status"] is { } status)
        {
            _status = status.GetValue<string>();
            Failure = part["message"]?.GetValue<string>();
            _succeeded = part["succeeded"]!.GetValue<bool>();
            _formulation = part["formulation"]?.GetValue<string>();
            _grid = part["grid"]?.DeepClone().AsObject();
            foreach (var (number, acceptedKwh) in part["order_fills_kwh"]?.AsObject() ?? [])
            {
                if (Host.FindOrder(long.Parse(number, CultureInfo.InvariantCulture)) is { Status: OrderStatus.Open } o)
                {
                    o.FilledKwh += acceptedKwh!.GetValue<decimal>();
                    o.Status = OrderStatus.Cleared;
                    o.OpenKwh = 0;
                    Host.Touch(o);
                }
            }
        }

        if (part["slot"] is { } slotNode)
        {
            var s = slotNode.GetValue<int>();
            _busPrices[s] = [.. part["bus_prices_eur_per_mwh"]!.AsObject().Select(kv => (kv.Key, kv.Value?.GetValue<decimal>()))];
            var positions = new SortedDictionary<string, ClearedPosition>(StringComparer.Ordinal);
            foreach (var (participant, position) in part["positions"]!.AsObject())
            {
                positions[participant] = new ClearedPosition(position!["net_injection_kwh"]!.GetValue<decimal>(), position["price_eur_per_mwh"]!.GetValue<decimal>());
            }

            _positions[s] = positions;
            if (part["grid_slot"] is JsonObject gridSlot)
            {
                _gridSlots[s] = gridSlot.DeepClone().AsObject();
            }

            close.Add(s);
        }

        if (part["tariff_invoices"] is JsonObject invoices)
        {
            foreach (var (participant, invoice) in invoices)
            {
                _invoices.TryAdd(participant, invoice!.DeepClone().AsObject());
            }
        }

        if (last)
        {
            _clearing = false;
            Cleared = true;
            close.AddRange(Enumerable.Range(0, Spec.SlotCount).Where(s => !Closures.ContainsKey(s) && !close.Contains(s)));
        }

        return close;
    }

    /// <summary>
    /// Closes one slot with the applied result: the slot's price (at the first bus) and volume (the energy participants
    /// inject net), null/0 after a failure.
    /// </summary>
    public override GateClosureOutcome CloseGate(int slot, Instant time)
    {
        if (_status is null)
        {
            throw new InvalidOperationException($"The {Mechanism} market '{Spec.MarketId}' closes its slots when its clearing result is applied.");
        }

        if (!_succeeded || !_positions.TryGetValue(slot, out var slotPositions) || !_busPrices.TryGetValue(slot, out var prices))
        {
            return new GateClosureOutcome(null, 0m);
        }

        var volume = slotPositions.Values.Sum(x => Math.Max(0m, x.NetInjectionKwh));
        return new GateClosureOutcome(prices.Count > 0 ? prices[0].PriceEurPerMwh : null, volume);
    }

    /// <summary>The clearing summary of a closed slot under the mechanism's name (<c>pool</c>, …): status, prices per bus, net injections.</summary>
    public override void DescribeClosure(int slot, JsonObject closure)
    {
        ArgumentNullException.ThrowIfNull(closure);
        if (_status is null)
        {
            return;
        }

        var json = new JsonObject
        {
            ["status"] = _status,
            ["message"] = Failure,
        };
        if (_succeeded && _busPrices.ContainsKey(slot))
        {
            var prices = new JsonObject();
            foreach (var (location, price) in _busPrices[slot])
            {
                prices[location] = price;
            }

            json["formulation"] = _formulation;
            json["bus_prices_eur_per_mwh"] = prices;
            var net = new JsonObject();
            foreach (var (participant, position) in _positions[slot])
            {
                net[participant] = Views.Normalize(position.NetInjectionKwh);
            }

            json["net_injection_kwh"] = net;
        }

        closure[Mechanism] = json;
    }

    /// <summary>
    /// The DSO's view on a grid: per slot the AC check's minimum voltage and its bus, the maximum voltage, the maximum
    /// branch loading, losses and violations; 404 without a grid, 409 before clearing, while clearing or after a failure.
    /// </summary>
    public override CommandResult Grid()
    {
        var marketId = Spec.MarketId;
        if (Scenario.Grid is null)
        {
            return new CommandResult(404, Views.Problem(404, "No grid.", $"market_id: the scenario of market '{marketId}' has no grid (copper plate)."));
        }

        if (_clearing)
        {
            return new CommandResult(409, Views.Problem(409, "Not cleared.", $"market_id: the market '{marketId}' is clearing since its gate closure at {WireTime.Text(GateClosure(0))}."));
        }

        if (!Cleared)
        {
            return new CommandResult(409, Views.Problem(409, "Not cleared.", $"market_id: the market '{marketId}' clears at {WireTime.Text(GateClosure(0))}."));
        }

        if (_grid is null)
        {
            return new CommandResult(409, Views.Problem(409, "Clearing failed.", $"market_id: the clearing of market '{marketId}' failed: {Failure}"));
        }

        var view = new JsonObject { ["market_id"] = marketId };
        foreach (var (name, value) in _grid)
        {
            view[name] = value?.DeepClone();
        }

        view["slots"] = new JsonArray([.. _gridSlots.OrderBy(kv => kv.Key).Select(kv => (JsonNode)kv.Value.DeepClone())]);
        return new CommandResult(200, view);
    }

    /// <inheritdoc />
    public override JsonNode? TariffInvoice(string participantId)
    {
        if (!Cleared || !_invoices.TryGetValue(participantId, out var invoice))
        {
            return null;
        }

        var json = invoice.DeepClone().AsObject();
        json["market_id"] = Spec.MarketId;
        return json;
    }

    /// <summary>
    /// Clears a snapshot (off the lock; touches nothing of the engine) through the clearing pipeline: the registered
    /// mechanism, the AC check on a grid, and the tariff settlement when the scenario has a <c>settlement</c> section. The
    /// parts, each as parsed from its own text (as a replay reads it): first <c>status</c>, <c>message</c>,
    /// <c>succeeded</c> and, when succeeded, <c>formulation</c>, <c>order_fills_kwh</c> per server order number (the
    /// accepted kWh, at most what was open) and <c>grid</c> (the DSO's view without <c>market_id</c> and slots); then per
    /// slot <c>slot</c>, <c>bus_prices_eur_per_mwh</c> (rounded to 6 decimals, null where not finite), <c>positions</c>
    /// (per participant <c>net_injection_kwh</c> rounded to the Wh and <c>price_eur_per_mwh</c>) and <c>grid_slot</c>;
    /// then per participant <c>tariff_invoices</c>. A failure is one part.
    /// </summary>
    private static IReadOnlyList<JsonObject> Solve(Lem.Pipeline.Scenario scenario, string mechanism, MarketSpec spec, Dictionary<string, (long Number, decimal OpenKwh)> serverOrders)
    {
        try
        {
            var run = ClearingPipeline.Run(scenario, new PipelineRequest(mechanism) { Settle = scenario.HasSettlement });
            if (run.Clearing is not { } result || run.Errors.Count > 0)
            {
                return [FailurePayload("error", $"error: {string.Join("; ", run.Errors.Select(e => $"{e.Path}: {e.Message}"))}")];
            }

            if (!result.Succeeded)
            {
                return [FailurePayload(result.StatusName, $"{result.StatusName}: {result.Message}")];
            }

            var fills = new JsonObject();
            foreach (var (orderId, fillKwh) in result.OrderFillsKwh ?? new Dictionary<string, double>())
            {
                if (serverOrders.TryGetValue(orderId, out var o))
                {
                    var accepted = Math.Min(o.OpenKwh, Math.Round((decimal)fillKwh, 3));
                    if (accepted > 0)
                    {
                        fills[o.Number.ToString(CultureInfo.InvariantCulture)] = accepted;
                    }
                }
            }

            var header = new JsonObject
            {
                ["status"] = result.StatusName,
                ["message"] = null,
                ["succeeded"] = true,
                ["formulation"] = result.Formulation,
                ["order_fills_kwh"] = fills,
            };
            if (run.AcCheck is { } ac)
            {
                header["grid"] = new JsonObject
                {
                    ["formulation"] = result.Formulation,
                    ["algorithm"] = Snake(ac.Algorithm.ToString()),
                    ["all_converged"] = ac.AllConverged,
                    ["violation_count"] = ac.Violations.Count,
                };
            }

            var parts = new List<JsonObject> { header };
            var slotHours = scenario.Horizon.SlotHours;
            for (var s = 0; s < result.SlotCount; s++)
            {
                var prices = new JsonObject();
                var row = result.PricesEurPerMwh[s];
                for (var b = 0; b < row.Count; b++)
                {
                    prices[result.PriceLocations[b]] = double.IsFinite(row[b]) ? PoolPrice(row[b]) : null;
                }

                var positions = new JsonObject();
                foreach (var d in result.Positions)
                {
                    positions[d.Participant.Value] = new JsonObject
                    {
                        ["net_injection_kwh"] = Math.Round((decimal)(d.NetInjectionKw[s] * slotHours), 3),
                        ["price_eur_per_mwh"] = PoolPrice(d.PriceEurPerMwh[s]),
                    };
                }

                var part = new JsonObject { ["slot"] = s, ["bus_prices_eur_per_mwh"] = prices, ["positions"] = positions };
                if (run.AcCheck?.Slots.FirstOrDefault(x => x.Slot == s) is { } acSlot)
                {
                    part["grid_slot"] = GridSlot(acSlot, run.AcCheck, result, spec);
                }

                parts.Add(part);
            }

            if (run.Settlement is { } settled)
            {
                foreach (var invoice in settled.Invoices.DistinctBy(i => i.Participant.Id.Value))
                {
                    parts.Add(new JsonObject { ["tariff_invoices"] = new JsonObject { [invoice.Participant.Id.Value] = JsonNode.Parse(SettlementJson.Invoice(settled, invoice)) } });
                }
            }

            return [.. parts.Select(p => JsonNode.Parse(p.ToJsonString())!.AsObject())];
        }
#pragma warning disable CA1031 // A failed clearing is recorded as its result; it must never stop the sequencer.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return [FailurePayload("error", $"error: {ex.Message}")];
        }
    }

    /// <summary>The payload of a clearing that did not succeed: its status and message, nothing cleared.</summary>
    private static JsonObject FailurePayload(string status, string message) => new()
    {
        ["status"] = status,
        ["message"] = message,
        ["succeeded"] = false,
    };

    /// <summary>
    /// The DSO's grid view of one slot of an AC check, with every bus's voltage and every branch's ends and loading (the
    /// dashboard's grid map draws the network from them, docs/dashboard.md).
    /// </summary>
    private static JsonObject GridSlot(AcCheckSlot s, AcCheckResult ac, ClearingResult result, MarketSpec spec) => new()
    {
        ["slot"] = s.Slot,
        ["delivery_start"] = WireTime.Text(spec.SlotStart(s.Slot)),
        ["power_flow_status"] = Snake(s.Status.ToString()),
        ["vm_min_pu"] = s.VmMinPu,
        ["vm_min_bus"] = s.VmMinBus.Value,
        ["vm_max_pu"] = s.VmMaxPu,
        ["max_loading_percent"] = s.MaxLoadingPercent,
        ["losses_kw"] = s.LossesMw * 1000,
        ["formulation_losses_kw"] = result.LossesKw is { } losses ? losses[s.Slot] : null,
        ["transformer_no_load_losses_kw"] = s.TransformerNoLoadLossesMw * 1000,
        ["shunt_losses_kw"] = s.ShuntLossesMw * 1000,
        ["total_losses_kw"] = s.TotalLossesMw * 1000,
        ["violations"] = new JsonArray(ac.Violations.Where(v => v.Slot == s.Slot).Select(v => (JsonNode)new JsonObject
        {
            ["kind"] = Snake(v.Kind.ToString()),
            ["element_id"] = v.ElementId,
            ["value"] = v.Value,
            ["limit"] = v.Limit,
        }).ToArray()),
        ["buses"] = new JsonArray([.. (s.Buses ?? []).Select(b => (JsonNode)new JsonObject { ["bus"] = b.Id.Value, ["vm_pu"] = Finite(b.VmPu) })]),
        ["branches"] = new JsonArray([.. (s.Branches ?? []).Select(b => (JsonNode)new JsonObject
        {
            ["branch"] = b.Id,
            ["from_bus"] = b.From.Value,
            ["to_bus"] = b.To.Value,
            ["loading_percent"] = Finite(b.LoadingPercent),
        })]),
    };

    /// <summary>A value for the DSO view rounded to 6 decimals, or null when the power flow left it undefined (NaN).</summary>
    private static double? Finite(double value) => double.IsFinite(value) ? Math.Round(value, 6) : null;

    private static decimal PoolPrice(double eurPerMwh) => Math.Round((decimal)eurPerMwh, 6);

    private static string Snake(string pascal) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(pascal);
}
