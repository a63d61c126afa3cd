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
/// participants whose id is a scenario participant add stepwise orders until the one gate closure (the first slot's),
/// which runs the <see cref="ClearingPipeline"/> on the whole horizon (grid formulation "auto"; the AC check on a grid;
/// the tariff settlement when the scenario has a <c>settlement</c> section) and publishes per slot the prices and volume.
/// Replay re-reads the scenario and re-solves from the same inputs (the mechanisms are deterministic).
/// </summary>
internal sealed class ScenarioServerMarket : ServerMarketBase
{
    private readonly Dictionary<int, SortedDictionary<string, ClearedPosition>> _positions = [];

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

    /// <summary>True once the gate closure has run the clearing (successfully or not).</summary>
    public bool Cleared { get; private set; }

    /// <summary>The clearing of the whole horizon with the server orders added, or null before clearing or when it threw.</summary>
    public ClearingResult? Result { get; private set; }

    /// <summary>The tariff settlement of a successful clearing when the scenario has a <c>settlement</c> section, else null.</summary>
    public SettlementResult? Settlement { get; private set; }

    /// <summary>The AC check of a successful clearing on a grid, or null.</summary>
    public AcCheckResult? AcResult { get; private set; }

    /// <summary>Why the clearing failed (status and message), or null when it succeeded or has not run.</summary>
    public string? Failure { get; private set; }

    /// <summary>Per slot: each participant's net injection and the price at its bus.</summary>
    public override IReadOnlyDictionary<int, SortedDictionary<string, ClearedPosition>> ClearedPositions => _positions;

    /// <summary>A scenario market has one gate closure for every slot: the first slot's.</summary>
    public override Instant GateClosure(int slot) => Spec.LeadBefore(0);

    /// <inheritdoc />
    public override CommandResult? RefuseParticipant(string participantId) => ParticipantIds.Contains(participantId)
        ? null
        : new CommandResult(403, Views.Problem(403, "Not in the scenario.",
            $"participant_id: '{participantId}' is not a participant of the scenario of {Mechanism} market '{Spec.MarketId}'; only its participants may submit orders.",
            new Dictionary<string, string> { ["participant_id"] = "not a scenario participant" }));

    /// <summary>
    /// Closes one slot: the first closure clears the whole horizon (all slots share one gate closure); the slot's price
    /// (at the first bus) and volume (the energy participants inject net), both null/0 after a failure.
    /// </summary>
    public override GateClosureOutcome CloseGate(int slot, Instant time)
    {
        if (!Cleared)
        {
            ClearHorizon();
        }

        if (Result is not { Succeeded: true } result)
        {
            return new GateClosureOutcome(null, 0m);
        }

        var volume = _positions[slot].Values.Sum(x => Math.Max(0m, x.NetInjectionKwh));
        var prices = result.PricesEurPerMwh[slot];
        return new GateClosureOutcome(prices.Count > 0 && double.IsFinite(prices[0]) ? PoolPrice(prices[0]) : null, volume);
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
            ["status"] = Result is { } r ? r.StatusName : "error",
            ["message"] = Failure,
        };
        if (Result is { Succeeded: true } result)
        {
            var prices = new JsonObject();
            var row = result.PricesEurPerMwh[slot];
            for (var b = 0; b < row.Count; b++)
            {
                prices[result.PriceLocations[b]] = PoolPrice(row[b]);
            }

            json["formulation"] = result.Formulation;
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
    /// branch loading, losses and violations; 404 without a grid, 409 before clearing or after a failure.
    /// </summary>
    public override CommandResult Grid()
    {
        var marketId = Spec.MarketId;
        if (Scenario.Grid is null)
        {
            return new CommandResult(404, Views.Problem(404, "No grid.", $"market_id: the scenario of market '{marketId}' has no grid (copper plate)."));
        }

        if (!Cleared)
        {
            return new CommandResult(409, Views.Problem(409, "Not cleared.", $"market_id: the market '{marketId}' clears at {WireTime.Text(GateClosure(0))}."));
        }

        if (AcResult is not { } ac || Result is not { } result)
        {
            return new CommandResult(409, Views.Problem(409, "Clearing failed.", $"market_id: the clearing of market '{marketId}' failed: {Failure}"));
        }

        var slots = new JsonArray();
        foreach (var s in ac.Slots)
        {
            slots.Add(new JsonObject
            {
                ["slot"] = s.Slot,
                ["delivery_start"] = WireTime.Text(Spec.SlotStart(s.Slot)),
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

        return new CommandResult(200, new JsonObject
        {
            ["market_id"] = marketId,
            ["formulation"] = result.Formulation,
            ["algorithm"] = Snake(ac.Algorithm.ToString()),
            ["all_converged"] = ac.AllConverged,
            ["violation_count"] = ac.Violations.Count,
            ["slots"] = slots,
        });
    }

    /// <summary>The whole horizon through the clearing pipeline: the registered mechanism, the AC check on a grid, and the tariff settlement when the scenario has a <c>settlement</c> section.</summary>
    private PipelineResult Solve(Lem.Pipeline.Scenario scenario) =>
        ClearingPipeline.Run(scenario, new PipelineRequest(Mechanism) { Settle = scenario.HasSettlement });

    private static decimal PoolPrice(double eurPerMwh) => Math.Round((decimal)eurPerMwh, 6);

    private static string Snake(string pascal) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(pascal);

    /// <summary>Clears the whole horizon once, with the open server orders added to their owners in the scenario.</summary>
    private void ClearHorizon()
    {
        Cleared = true;
        var extra = new Dictionary<string, List<Order>>(StringComparer.Ordinal);
        var serverOrders = new Dictionary<string, ServerOrder>(StringComparer.Ordinal);
        for (var s = 0; s < Spec.SlotCount; s++)
        {
            foreach (var o in Orders(s).Where(o => o.Status == OrderStatus.Open))
            {
                var id = "server-order-" + o.Number.ToString(CultureInfo.InvariantCulture);
                serverOrders.Add(id, o);
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
        try
        {
            var run = Solve(withOrders);
            if (run.Clearing is not { } result || run.Errors.Count > 0)
            {
                Failure = $"error: {string.Join("; ", run.Errors.Select(e => $"{e.Path}: {e.Message}"))}";
                return;
            }

            Result = result;
            if (!result.Succeeded)
            {
                Failure = $"{result.StatusName}: {result.Message}";
                return;
            }

            AcResult = run.AcCheck;
            Settlement = run.Settlement;
            ReadPositions(result, withOrders.Horizon.SlotHours);
            foreach (var (orderId, fillKwh) in result.OrderFillsKwh ?? new Dictionary<string, double>())
            {
                if (serverOrders.TryGetValue(orderId, out var o))
                {
                    var accepted = Math.Min(o.OpenKwh, Math.Round((decimal)fillKwh, 3));
                    if (accepted > 0)
                    {
                        o.FilledKwh += accepted;
                        o.Status = OrderStatus.Cleared;
                        o.OpenKwh = 0;
                        Host.Touch(o);
                    }
                }
            }
        }
#pragma warning disable CA1031 // A failed clearing is recorded; it must never stop the sequencer.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Result = null;
            AcResult = null;
            Settlement = null;
            Failure = $"error: {ex.Message}";
        }
    }

    /// <summary>Each participant's net injection per slot (rounded to the Wh) and the price it is settled at (its bus price in a pool).</summary>
    private void ReadPositions(ClearingResult result, double slotHours)
    {
        for (var s = 0; s < result.SlotCount; s++)
        {
            var positions = new SortedDictionary<string, ClearedPosition>(StringComparer.Ordinal);
            foreach (var d in result.Positions)
            {
                positions[d.Participant.Value] = new ClearedPosition(Math.Round((decimal)(d.NetInjectionKw[s] * slotHours), 3), PoolPrice(d.PriceEurPerMwh[s]));
            }

            _positions[s] = positions;
        }
    }

    /// <inheritdoc />
    public override JsonNode? TariffInvoice(string participantId)
    {
        if (Settlement is not { } settled || settled.Invoices.FirstOrDefault(i => i.Participant.Id.Value == participantId) is not { } invoice)
        {
            return null;
        }

        var json = JsonNode.Parse(SettlementJson.Invoice(settled, invoice))!.AsObject();
        json["market_id"] = Spec.MarketId;
        return json;
    }
}
