using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Lem.Domain.Orders;
using Lem.Domain.Units;
using Lem.Grid.Formulations;
using Lem.Markets.Pool;
using Lem.Pipeline;
using Lem.Scenarios;
using Lem.Server.Store;

namespace Lem.Server.Engine;

/// <summary>
/// Pool-clearing markets: the operator creates the market with an inline scenario; participants whose id is a scenario
/// participant add stepwise orders until the one gate closure (the first slot's), which clears the whole horizon with
/// <see cref="PoolClearing"/> (grid formulation "auto"), runs the <see cref="AcCheck"/> on a grid, and publishes per slot
/// the prices and volume. Replay re-reads the scenario and re-solves from the same inputs (the solve is deterministic).
/// </summary>
internal sealed partial class MarketEngine
{
    /// <summary>The base directory inline scenarios resolve file references against: it never exists, so every file reference fails validation.</summary>
    public static readonly string InlineScenarioBaseDirectory = Path.Combine(Path.GetTempPath(), "lem-inline-scenario-" + Guid.NewGuid().ToString("N"));

    private readonly Dictionary<string, PoolMarket> _poolMarkets = new(StringComparer.Ordinal);

    /// <summary>The pool state of a market, or null when it is not a pool market.</summary>
    public PoolMarket? PoolState(string marketId) => _poolMarkets.GetValueOrDefault(marketId);

    /// <summary>All pool markets, by id.</summary>
    public IEnumerable<PoolMarket> PoolMarkets => _poolMarkets.Values.OrderBy(m => m.Spec.MarketId, StringComparer.Ordinal);

    /// <summary>Reads an inline scenario (the JSON of the create_market command's <c>scenario</c> field).</summary>
    public static ScenarioLoadResult ReadInlineScenario(JsonNode scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return ScenarioReader.Parse(Encoding.UTF8.GetBytes(scenario.ToJsonString()), InlineScenarioBaseDirectory, "scenario");
    }

    /// <summary>
    /// The DSO's view of a cleared pool market on a grid: per slot the AC check's minimum voltage and its bus, the maximum
    /// voltage, the maximum branch loading, losses and violations; 404 without a grid, 409 before clearing or after a failure.
    /// </summary>
    public CommandResult PoolGridView(string marketId)
    {
        if (!_poolMarkets.TryGetValue(marketId, out var pool))
        {
            return _markets.ContainsKey(marketId)
                ? new CommandResult(404, Views.Problem(404, "No grid.", $"market_id: the market '{marketId}' is not a pool market; only pool markets have grid results."))
                : new CommandResult(404, Views.Problem(404, "Not found.", $"market_id: no market '{marketId}'."));
        }

        if (pool.Scenario.Grid is null)
        {
            return new CommandResult(404, Views.Problem(404, "No grid.", $"market_id: the scenario of market '{marketId}' has no grid (copper plate)."));
        }

        if (!pool.Cleared)
        {
            return new CommandResult(409, Views.Problem(409, "Not cleared.", $"market_id: the market '{marketId}' clears at {SqliteMarketStore.Time(pool.Spec.GateClosure(0))}."));
        }

        if (pool.AcCheck is not { } ac || pool.Result is not { } result)
        {
            return new CommandResult(409, Views.Problem(409, "Clearing failed.", $"market_id: the clearing of market '{marketId}' failed: {pool.Failure}"));
        }

        var slots = new JsonArray();
        foreach (var s in ac.Slots)
        {
            slots.Add(new JsonObject
            {
                ["slot"] = s.Slot,
                ["delivery_start"] = SqliteMarketStore.Time(pool.Spec.SlotStart(s.Slot)),
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

    /// <summary>The pool summary of a closed slot (status, prices per bus, net injections), or null for other markets.</summary>
    private JsonObject? PoolClosureSummary(string marketId, int slot)
    {
        if (!_poolMarkets.TryGetValue(marketId, out var pool) || !pool.Cleared)
        {
            return null;
        }

        var json = new JsonObject
        {
            ["status"] = pool.Result is { } r ? Snake(r.Status.ToString()) : "error",
            ["message"] = pool.Failure,
        };
        if (pool.Result is { Status: PoolStatus.Optimal } result)
        {
            var prices = new JsonObject();
            for (var b = 0; b < result.BusIds.Count; b++)
            {
                prices[result.BusIds[b].Value] = PoolPrice(result.Slots[slot].PricesEurPerMwh[b]);
            }

            json["formulation"] = result.FormulationName;
            json["bus_prices_eur_per_mwh"] = prices;
            var net = new JsonObject();
            foreach (var (participant, position) in pool.Positions[slot])
            {
                net[participant] = Views.Normalize(position.NetInjectionKwh);
            }

            json["net_injection_kwh"] = net;
        }

        return json;
    }

    /// <summary>Registers a pool market's scenario when its create_market command is a pool market.</summary>
    private void CreatePoolMarket(MarketSpec spec, JsonObject p)
    {
        if (spec.Mechanism != MarketMechanism.Pool)
        {
            return;
        }

        var read = ReadInlineScenario(p["scenario"]!);
        if (!read.IsValid)
        {
            throw new InvalidDataException($"The scenario of pool market '{spec.MarketId}' does not validate: {string.Join("; ", read.Errors)}");
        }

        _poolMarkets.Add(spec.MarketId, new PoolMarket(spec, read.Scenario!));
    }

    /// <summary>Refuses an order on a pool market from a participant that is not in its scenario.</summary>
    private CommandResult? RefusePoolOrder(string participant, string marketId)
    {
        if (!_poolMarkets.TryGetValue(marketId, out var pool) || pool.ParticipantIds.Contains(participant))
        {
            return null;
        }

        return new CommandResult(403, Views.Problem(403, "Not in the scenario.",
            $"participant_id: '{participant}' is not a participant of the scenario of pool market '{marketId}'; only its participants may submit orders.",
            new Dictionary<string, string> { ["participant_id"] = "not a scenario participant" }));
    }

    /// <summary>
    /// Closes one slot of a pool market: the first closure clears the whole horizon (all slots share one gate closure);
    /// returns the slot's price (at the first bus) and volume (the energy participants inject net), both null/0 after a failure.
    /// </summary>
    private (decimal? PriceEurPerMwh, decimal VolumeKwh) ClosePoolSlot(PoolMarket pool, MarketRuntime market, int slot)
    {
        if (!pool.Cleared)
        {
            ClearPool(pool, market);
        }

        if (pool.Result is not { Status: PoolStatus.Optimal } result)
        {
            return (null, 0m);
        }

        var volume = pool.Positions[slot].Values.Sum(x => Math.Max(0m, x.NetInjectionKwh));
        return (PoolPrice(result.Slots[slot].PricesEurPerMwh[0]), volume);
    }

    private void ClearPool(PoolMarket pool, MarketRuntime market)
    {
        pool.Cleared = true;
        var scenario = pool.Scenario;
        var extra = new Dictionary<string, List<Order>>(StringComparer.Ordinal);
        var serverOrders = new Dictionary<string, ServerOrder>(StringComparer.Ordinal);
        for (var s = 0; s < pool.Spec.SlotCount; s++)
        {
            foreach (var o in market.Orders(s).Where(o => o.Status == "open"))
            {
                var id = "server-order-" + o.Number.ToString(CultureInfo.InvariantCulture);
                serverOrders.Add(id, o);
                List(extra, o.ParticipantId).Add(new Order(new Lem.Domain.Ids.OrderId(id), new Lem.Domain.Ids.ParticipantId(o.ParticipantId), o.Side, s,
                    [new PriceStep(Price.FromEurPerMwh((double)o.PriceEurPerMwh), Energy.FromKwh((double)o.OpenKwh))]));
            }
        }

        var withOrders = scenario with
        {
            Participants = [.. scenario.Participants.Select(p => extra.TryGetValue(p.Id.Value, out var add) ? p with { Orders = [.. p.Orders, .. add] } : p)],
        };
        try
        {
            var result = PoolClearing.Clear(withOrders, GridFormulations.Choose("auto", withOrders.Grid));
            pool.Result = result;
            if (result.Status != PoolStatus.Optimal)
            {
                pool.Failure = $"{Snake(result.Status.ToString())}: {result.Message}";
                return;
            }

            pool.AcCheck = AcCheck.Run(result, withOrders);
            var busIndex = result.BusIds.Select((b, i) => (b, i)).ToDictionary(x => x.b, x => x.i);
            for (var s = 0; s < result.Slots.Count; s++)
            {
                var positions = new SortedDictionary<string, (decimal, decimal)>(StringComparer.Ordinal);
                foreach (var d in result.Participants)
                {
                    var price = d.Bus is { } bus ? result.Slots[s].PricesEurPerMwh[busIndex[bus]] : result.Slots[s].PricesEurPerMwh[0];
                    positions[d.Participant.Value] = (Math.Round((decimal)(d.NetInjectionKw[s] * withOrders.Horizon.SlotHours), 3), PoolPrice(price));
                }

                pool.Positions[s] = positions;
            }

            foreach (var d in result.Orders)
            {
                if (serverOrders.TryGetValue(d.Order.Value, out var o))
                {
                    var accepted = Math.Min(o.OpenKwh, Math.Round((decimal)d.AcceptedKwh.Sum(), 3));
                    if (accepted > 0)
                    {
                        o.FilledKwh += accepted;
                        o.Status = "cleared";
                        o.OpenKwh = 0;
                        Touch(o);
                    }
                }
            }
        }
#pragma warning disable CA1031 // A failed clearing is recorded; it must never stop the sequencer.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            pool.Result = null;
            pool.AcCheck = null;
            pool.Failure = $"error: {ex.Message}";
        }
    }

    private static decimal PoolPrice(double eurPerMwh) => Math.Round((decimal)eurPerMwh, 6);

    private static string Snake(string pascal) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(pascal);
}
