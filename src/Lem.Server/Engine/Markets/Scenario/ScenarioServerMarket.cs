using System.Globalization;
using System.Text.Json.Nodes;
using Lem.Domain.Orders;
using Lem.Domain.Units;
using Lem.Markets.Clearing;
using Lem.Markets.Pool;
using Lem.Pipeline;
using Lem.Settlement.Billing;
using Lem.Settlement.Invoices;
using NodaTime;

namespace Lem.Server.Engine.Markets.Scenario;

/// <summary>
/// A market over an inline scenario cleared by a registered clearing mechanism (<c>pool</c>, <c>p2p</c>, …):
/// participants whose id is a scenario participant add stepwise orders until the one gate closure (the first slot's).
/// The gate_closure command takes a snapshot (the scenario with the open server orders added) and the clearing runs off
/// the sequencer's lock (<see cref="DeferredClearing"/>): the <see cref="ClearingPipeline"/> on the whole horizon (grid
/// formulation "auto"; the AC check on a grid; the tariff settlement when the scenario has a <c>settlement</c> section).
/// Its outcome comes back as the canonical payload of a clearing_result command: per slot the bus prices and each
/// participant's position, the accepted fills of the server orders, the DSO's grid view and the tariff invoices. Applying
/// that payload (live and on replay, so a replay never solves again) closes every slot; see docs/server.md.
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
        return new DeferredClearing(Spec.MarketId, () => Solve(withOrders, mechanism, spec, serverOrders), ex => FailurePayload("error", $"error: {ex.Message}"));
    }

    /// <summary>Applies the clearing's payload (see <see cref="Solve"/>): prices, positions, fills, grid view and invoices; closes every slot.</summary>
    public override IReadOnlyList<int> ApplyClearing(JsonObject result, Instant time)
    {
        ArgumentNullException.ThrowIfNull(result);
        _clearing = false;
        Cleared = true;
        _status = result["status"]!.GetValue<string>();
        Failure = result["message"]?.GetValue<string>();
        _succeeded = result["succeeded"]!.GetValue<bool>();
        if (_succeeded)
        {
            _formulation = result["formulation"]?.GetValue<string>();
            var slots = result["slots"]!.AsArray();
            for (var s = 0; s < slots.Count; s++)
            {
                _busPrices[s] = [.. slots[s]!["bus_prices_eur_per_mwh"]!.AsObject().Select(kv => (kv.Key, kv.Value?.GetValue<decimal>()))];
                var positions = new SortedDictionary<string, ClearedPosition>(StringComparer.Ordinal);
                foreach (var (participant, position) in slots[s]!["positions"]!.AsObject())
                {
                    positions[participant] = new ClearedPosition(position!["net_injection_kwh"]!.GetValue<decimal>(), position["price_eur_per_mwh"]!.GetValue<decimal>());
                }

                _positions[s] = positions;
            }

            foreach (var (number, acceptedKwh) in result["order_fills_kwh"]!.AsObject())
            {
                if (Host.FindOrder(long.Parse(number, CultureInfo.InvariantCulture)) is { Status: OrderStatus.Open } o)
                {
                    o.FilledKwh += acceptedKwh!.GetValue<decimal>();
                    o.Status = OrderStatus.Cleared;
                    o.OpenKwh = 0;
                    Host.Touch(o);
                }
            }

            _grid = result["grid"]?.DeepClone().AsObject();
            if (result["tariff_invoices"] is JsonObject invoices)
            {
                foreach (var (participant, invoice) in invoices)
                {
                    _invoices[participant] = invoice!.DeepClone().AsObject();
                }
            }
        }

        return [.. Enumerable.Range(0, Spec.SlotCount).Where(s => !Closures.ContainsKey(s))];
    }

    /// <summary>
    /// Closes one slot with the applied result: the slot's price (at the first bus) and volume (the energy participants
    /// inject net), null/0 after a failure.
    /// </summary>
    public override GateClosureOutcome CloseGate(int slot, Instant time)
    {
        if (!Cleared)
        {
            throw new InvalidOperationException($"The {Mechanism} market '{Spec.MarketId}' closes its slots when its clearing result is applied.");
        }

        if (!_succeeded)
        {
            return new GateClosureOutcome(null, 0m);
        }

        var volume = _positions[slot].Values.Sum(x => Math.Max(0m, x.NetInjectionKwh));
        var prices = _busPrices[slot];
        return new GateClosureOutcome(prices.Count > 0 ? prices[0].PriceEurPerMwh : null, volume);
    }

    /// <summary>The clearing summary of a closed slot under the mechanism's name (<c>pool</c>, …): status, prices per bus, net injections.</summary>
    public override void DescribeClosure(int slot, JsonObject closure)
    {
        ArgumentNullException.ThrowIfNull(closure);
        if (!Cleared)
        {
            return;
        }

        var json = new JsonObject
        {
            ["status"] = _status,
            ["message"] = Failure,
        };
        if (_succeeded)
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

        return new CommandResult(200, view);
    }

    /// <inheritdoc />
    public override JsonNode? TariffInvoice(string participantId)
    {
        if (!_invoices.TryGetValue(participantId, out var invoice))
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
    /// payload: <c>status</c>, <c>message</c>, <c>succeeded</c>; when succeeded <c>formulation</c>, per slot
    /// <c>bus_prices_eur_per_mwh</c> (rounded to 6 decimals, null where not finite) and <c>positions</c> (per participant
    /// <c>net_injection_kwh</c> rounded to the Wh and <c>price_eur_per_mwh</c>), <c>order_fills_kwh</c> per server order
    /// number (the accepted kWh, at most what was open), <c>grid</c> (the DSO's view without <c>market_id</c>) and
    /// <c>tariff_invoices</c> per participant. Returned as parsed from its own text, as a replay reads it.
    /// </summary>
    private static JsonObject Solve(Lem.Pipeline.Scenario scenario, string mechanism, MarketSpec spec, Dictionary<string, (long Number, decimal OpenKwh)> serverOrders)
    {
        try
        {
            var run = ClearingPipeline.Run(scenario, new PipelineRequest(mechanism) { Settle = scenario.HasSettlement });
            if (run.Clearing is not { } result || run.Errors.Count > 0)
            {
                return FailurePayload("error", $"error: {string.Join("; ", run.Errors.Select(e => $"{e.Path}: {e.Message}"))}");
            }

            if (!result.Succeeded)
            {
                return FailurePayload(result.StatusName, $"{result.StatusName}: {result.Message}");
            }

            var slotHours = scenario.Horizon.SlotHours;
            var slots = new JsonArray();
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

                slots.Add(new JsonObject { ["bus_prices_eur_per_mwh"] = prices, ["positions"] = positions });
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

            var json = new JsonObject
            {
                ["status"] = result.StatusName,
                ["message"] = null,
                ["succeeded"] = true,
                ["formulation"] = result.Formulation,
                ["slots"] = slots,
                ["order_fills_kwh"] = fills,
            };
            if (run.AcCheck is { } ac)
            {
                json["grid"] = GridView(ac, result, spec);
            }

            if (run.Settlement is { } settled)
            {
                var invoices = new JsonObject();
                foreach (var invoice in settled.Invoices)
                {
                    if (!invoices.ContainsKey(invoice.Participant.Id.Value))
                    {
                        invoices[invoice.Participant.Id.Value] = JsonNode.Parse(SettlementJson.Invoice(settled, invoice));
                    }
                }

                json["tariff_invoices"] = invoices;
            }

            return JsonNode.Parse(json.ToJsonString())!.AsObject();
        }
#pragma warning disable CA1031 // A failed clearing is recorded as its result; it must never stop the sequencer.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return FailurePayload("error", $"error: {ex.Message}");
        }
    }

    /// <summary>The payload of a clearing that did not succeed: its status and message, nothing cleared.</summary>
    private static JsonObject FailurePayload(string status, string message) => new()
    {
        ["status"] = status,
        ["message"] = message,
        ["succeeded"] = false,
    };

    /// <summary>The DSO's grid view of an AC check, without the market id.</summary>
    private static JsonObject GridView(AcCheckResult ac, ClearingResult result, MarketSpec spec)
    {
        var slots = new JsonArray();
        foreach (var s in ac.Slots)
        {
            slots.Add(new JsonObject
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
                ["violations"] = new JsonArray(ac.Violations.Where(v => v.Slot == s.Slot).Select(v => (JsonNode)new JsonObject
                {
                    ["kind"] = Snake(v.Kind.ToString()),
                    ["element_id"] = v.ElementId,
                    ["value"] = v.Value,
                    ["limit"] = v.Limit,
                }).ToArray()),
            });
        }

        return new JsonObject
        {
            ["formulation"] = result.Formulation,
            ["algorithm"] = Snake(ac.Algorithm.ToString()),
            ["all_converged"] = ac.AllConverged,
            ["violation_count"] = ac.Violations.Count,
            ["slots"] = slots,
        };
    }

    private static decimal PoolPrice(double eurPerMwh) => Math.Round((decimal)eurPerMwh, 6);

    private static string Snake(string pascal) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(pascal);
}
