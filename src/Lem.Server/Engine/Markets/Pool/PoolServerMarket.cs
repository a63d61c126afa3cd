using System.Globalization;
using System.Text.Json.Nodes;
using Lem.Domain.Orders;
using Lem.Domain.Units;
using Lem.Grid.Formulations;
using Lem.Markets.Pool;
using Lem.Pipeline;
using Lem.Scenarios;
using NodaTime;

namespace Lem.Server.Engine.Markets.Pool;

/// <summary>
/// A pool-clearing market over an inline scenario: participants whose id is a scenario participant add stepwise orders
/// until the one gate closure (the first slot's), which clears the whole horizon with <see cref="PoolClearing"/> (grid
/// formulation "auto"), runs the <see cref="AcCheck"/> on a grid, and publishes per slot the prices and volume. Replay
/// re-reads the scenario and re-solves from the same inputs (the solve is deterministic).
/// </summary>
internal sealed class PoolServerMarket : ServerMarketBase
{
    private readonly Dictionary<int, SortedDictionary<string, ClearedPosition>> _positions = [];

    /// <summary>Creates the market over <paramref name="scenario"/>.</summary>
    public PoolServerMarket(MarketSpec spec, IMarketHost host, Scenario scenario)
        : base(spec, host)
    {
        Scenario = scenario;
        ParticipantIds = new HashSet<string>(scenario.Participants.Select(p => p.Id.Value), StringComparer.Ordinal);
    }

    /// <summary>The scenario as read from the create_market command.</summary>
    public Scenario Scenario { get; }

    /// <summary>The ids of the scenario's participants: only they may submit orders.</summary>
    public IReadOnlySet<string> ParticipantIds { get; }

    /// <summary>True once the gate closure has run the clearing (successfully or not).</summary>
    public bool Cleared { get; private set; }

    /// <summary>The clearing of the whole horizon with the server orders added, or null before clearing or when it threw.</summary>
    public PoolResult? Result { get; private set; }

    /// <summary>The AC check of an optimal clearing on a grid, or null.</summary>
    public AcCheckResult? AcResult { get; private set; }

    /// <summary>Why the clearing failed (status and message), or null when it succeeded or has not run.</summary>
    public string? Failure { get; private set; }

    /// <summary>Per slot: each participant's net injection and the price at its bus.</summary>
    public override IReadOnlyDictionary<int, SortedDictionary<string, ClearedPosition>> ClearedPositions => _positions;

    /// <summary>A pool market has one gate closure for every slot: the first slot's.</summary>
    public override Instant GateClosure(int slot) => Spec.LeadBefore(0);

    /// <inheritdoc />
    public override CommandResult? RefuseParticipant(string participantId) => ParticipantIds.Contains(participantId)
        ? null
        : new CommandResult(403, Views.Problem(403, "Not in the scenario.",
            $"participant_id: '{participantId}' is not a participant of the scenario of pool market '{Spec.MarketId}'; only its participants may submit orders.",
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

        if (Result is not { Status: PoolStatus.Optimal } result)
        {
            return new GateClosureOutcome(null, 0m);
        }

        var volume = _positions[slot].Values.Sum(x => Math.Max(0m, x.NetInjectionKwh));
        return new GateClosureOutcome(PoolPrice(result.Slots[slot].PricesEurPerMwh[0]), volume);
    }

    /// <summary>The pool summary of a closed slot: status, prices per bus, net injections.</summary>
    public override void DescribeClosure(int slot, JsonObject closure)
    {
        ArgumentNullException.ThrowIfNull(closure);
        if (!Cleared)
        {
            return;
        }

        var json = new JsonObject
        {
            ["status"] = Result is { } r ? Snake(r.Status.ToString()) : "error",
            ["message"] = Failure,
        };
        if (Result is { Status: PoolStatus.Optimal } result)
        {
            var prices = new JsonObject();
            for (var b = 0; b < result.BusIds.Count; b++)
            {
                prices[result.BusIds[b].Value] = PoolPrice(result.Slots[slot].PricesEurPerMwh[b]);
            }

            json["formulation"] = result.FormulationName;
            json["bus_prices_eur_per_mwh"] = prices;
            var net = new JsonObject();
            foreach (var (participant, position) in _positions[slot])
            {
                net[participant] = Views.Normalize(position.NetInjectionKwh);
            }

            json["net_injection_kwh"] = net;
        }

        closure["pool"] = json;
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
                ["formulation_losses_kw"] = result.Slots[s.Slot].LossesMw * 1000,
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
            ["formulation"] = result.FormulationName,
            ["algorithm"] = Snake(ac.Algorithm.ToString()),
            ["all_converged"] = ac.AllConverged,
            ["violation_count"] = ac.Violations.Count,
            ["slots"] = slots,
        });
    }

    /// <summary>
    /// The clearing itself, and the only call into the pool-clearing and AC-check code: the scenario with the server
    /// orders in, the clearing out (with the AC check of an optimal clearing). Everything around it (building the
    /// scenario, reading the result into positions and order fills, recording a failure) stays as it is when the
    /// clearing behind this method changes.
    /// </summary>
    private static (PoolResult Result, AcCheckResult? AcCheck) Solve(Scenario scenario)
    {
        var result = PoolClearing.Clear(scenario, GridFormulations.Choose("auto", scenario.Grid));
        return (result, result.Status == PoolStatus.Optimal ? AcCheck.Run(result, scenario) : null);
    }

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
            var (result, ac) = Solve(withOrders);
            Result = result;
            if (result.Status != PoolStatus.Optimal)
            {
                Failure = $"{Snake(result.Status.ToString())}: {result.Message}";
                return;
            }

            AcResult = ac;
            ReadPositions(result, withOrders.Horizon.SlotHours);
            foreach (var d in result.Orders)
            {
                if (serverOrders.TryGetValue(d.Order.Value, out var o))
                {
                    var accepted = Math.Min(o.OpenKwh, Math.Round((decimal)d.AcceptedKwh.Sum(), 3));
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
            Failure = $"error: {ex.Message}";
        }
    }

    /// <summary>Each participant's net injection per slot (rounded to the Wh) and the price at its bus.</summary>
    private void ReadPositions(PoolResult result, double slotHours)
    {
        var busIndex = result.BusIds.Select((b, i) => (b, i)).ToDictionary(x => x.b, x => x.i);
        for (var s = 0; s < result.Slots.Count; s++)
        {
            var positions = new SortedDictionary<string, ClearedPosition>(StringComparer.Ordinal);
            foreach (var d in result.Participants)
            {
                var price = d.Bus is { } bus ? result.Slots[s].PricesEurPerMwh[busIndex[bus]] : result.Slots[s].PricesEurPerMwh[0];
                positions[d.Participant.Value] = new ClearedPosition(Math.Round((decimal)(d.NetInjectionKw[s] * slotHours), 3), PoolPrice(price));
            }

            _positions[s] = positions;
        }
    }
}
