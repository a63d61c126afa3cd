using Lem.Markets.Assets;
using Lem.Markets.Games;
using Lem.Simulation.Agents.Truthful;

namespace Lem.Simulation.Agents.Strategic;

/// <summary>
/// A strategic producer or prosumer (docs/agents.md#strategic, FORMULATIONS §16 in docs/games.md): it expects every
/// participant to bid truthfully (<see cref="AgentView.ExpectedBids"/>: their orders at marginal cost and value from
/// their day-ahead forecasts, its own truthful bid included), turns the expected buy orders into a linear residual
/// demand per slot (<see cref="ResidualDemand"/>), and plays the quantity game of the games layer
/// (<see cref="CournotGame"/>) in which the expected sell steps are the variables — its own and those of the
/// participants it takes to be strategic as Cournot players, the others price-taking. It offers its equilibrium
/// quantity per slot (its best response to the others' equilibrium quantities; with only itself strategic, its best
/// response to truthful bidding) at the price the residual demand then gives, keeps its buy orders, and withholds the
/// rest of its truthful offer by curtailing its PV and wind (<see cref="PlannedDispatch"/>). Intraday it trades its
/// forecast changes truthfully.
/// </summary>
/// <param name="id">The participant.</param>
/// <param name="strategicIds">The participants it takes to be strategic (itself always); null: every participant that sells.</param>
public sealed class StrategicAgent(ParticipantId id, IReadOnlySet<ParticipantId>? strategicIds) : IMarketAgent, IPlanningAgent, IAnticipatingAgent
{
    private readonly TruthfulAgent _truthful = new(id);

    /// <inheritdoc />
    public ParticipantId Id { get; } = id;

    /// <inheritdoc />
    public IReadOnlySet<ParticipantId>? StrategicIds { get; } = strategicIds;

    /// <inheritdoc />
    public IReadOnlyList<AssetDispatch>? PlannedDispatch { get; private set; }

    /// <inheritdoc />
    public Participant DayAhead(AgentView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var truthful = _truthful.DayAhead(view with { MechanismSchedulesAssets = false });
        PlannedDispatch = _truthful.PlannedDispatch;
        var bids = (view.ExpectedBids ?? []).Where(p => p.Id != Id).Append(truthful).ToList();
        var game = Equilibrium(bids, Id, StrategicIds, view.Horizon, view.Outside);
        var h = view.Horizon.SlotHours;
        var orders = truthful.Orders.Where(o => o.Side == OrderSide.Buy).ToList();
        var withheldKw = new double[view.Horizon.Count];
        for (var t = 0; t < view.Horizon.Count; t++)
        {
            var offeredKw = (double)truthful.Orders.Where(o => o.Side == OrderSide.Sell && o.SlotIndex == t).Sum(o => o.TotalQuantityKwh) / h;
            var kwh = Math.Round(game.QuantityKw[t] * h, 3);
            withheldKw[t] = Math.Max(0.0, offeredKw - (kwh / h));
            if (kwh < AgentOrders.MinimumKwh)
            {
                continue;
            }

            var price = Lem.Markets.Continuous.ZeroIntelligence.OnTick(Math.Round(Math.Max(game.PriceEurPerMwh[t], game.MarginalCostEurPerMwh[t]), 6), OrderSide.Sell);
            orders.Add(new Order(new OrderId(string.Create(CultureInfo.InvariantCulture, $"{Id.Value}.st{view.Day}.{t}")), Id, OrderSide.Sell, t, price, (decimal)kwh));
        }

        PlannedDispatch = Curtailed(view, PlannedDispatch, withheldKw);
        return truthful with { Orders = orders };
    }

    /// <inheritdoc />
    public IReadOnlyList<Order> Intraday(AgentView view, IReadOnlyList<double> positionKw) => _truthful.Intraday(view, positionKw);

    /// <summary>
    /// The equilibrium of the quantity game of the expected <paramref name="bids"/> (see the class summary), solved as a
    /// potential game (<see cref="PotentialGameMethod"/>): <paramref name="self"/>'s quantity per slot, the slot's price
    /// a_t − b_t·Q_t, and the marginal cost of its last dispatched step.
    /// </summary>
    public static StrategicOutcome Equilibrium(IReadOnlyList<Participant> bids, ParticipantId self, IReadOnlySet<ParticipantId>? strategicIds, Horizon horizon, OutsideMarket outside)
    {
        ArgumentNullException.ThrowIfNull(bids);
        ArgumentNullException.ThrowIfNull(horizon);
        ArgumentNullException.ThrowIfNull(outside);
        var slots = horizon.Count;
        var h = horizon.SlotHours;
        var a = new double[slots];
        var b = new double[slots];
        for (var t = 0; t < slots; t++)
        {
            var slot = t;
            var buys = bids.SelectMany(p => p.Orders).Where(o => o.Side == OrderSide.Buy && o.SlotIndex == slot).SelectMany(o => o.Steps).Select(s => ((double)s.PriceEurPerMwh, (double)s.QuantityKwh / h));
            (a[t], b[t]) = ResidualDemand.Fit(buys, outside.WholesaleImportEurPerMwh[t], outside.WholesaleExportEurPerMwh[t]);
        }

        var players = new List<GamePlayer>();
        var variables = new List<GameVariable>();
        var selfIndex = -1;
        foreach (var p in bids.Where(p => p.Orders.Any(o => o.Side == OrderSide.Sell)).OrderBy(p => p.Id.Value, StringComparer.Ordinal))
        {
            var player = players.Count;
            selfIndex = p.Id == self ? player : selfIndex;
            players.Add(new GamePlayer(p.Id.Value, p.Id == self || strategicIds is null || strategicIds.Contains(p.Id)));
            foreach (var o in p.Orders.Where(o => o.Side == OrderSide.Sell && o.SlotIndex >= 0 && o.SlotIndex < slots))
            {
                for (var k = 0; k < o.Steps.Count; k++)
                {
                    var step = o.Steps[k];
                    variables.Add(new GameVariable(player, o.SlotIndex, 1.0, (double)step.PriceEurPerMwh, 0.0, 0.0, (double)step.QuantityKwh / h, $"{o.Id}[{k}]"));
                }
            }
        }

        var quantity = new double[slots];
        var marginal = new double[slots];
        if (selfIndex < 0)
        {
            return new StrategicOutcome(quantity, a, marginal);
        }

        var game = new CournotGame(h, a, b, players, variables, []);
        var y = new PotentialGameMethod().Solve(game, EquilibriumOptions.Default).ValuesKw;
        foreach (var j in game.VariablesOf(selfIndex))
        {
            var v = variables[j];
            quantity[v.Slot] += y[j];
            if (y[j] > 1e-9)
            {
                marginal[v.Slot] = Math.Max(marginal[v.Slot], v.LinearCostEurPerMwh);
            }
        }

        return new StrategicOutcome(quantity, game.PricesEurPerMwh(y), marginal);
    }

    /// <summary>The truthful plan with the withheld power curtailed from the PV and wind forecasts, in asset order.</summary>
    private List<AssetDispatch> Curtailed(AgentView view, IReadOnlyList<AssetDispatch>? plan, double[] withheldKw)
    {
        var slots = view.Horizon.Count;
        var left = (double[])withheldKw.Clone();
        var result = (plan ?? []).Where(d => d is not RenewableDispatch).ToList();
        foreach (var g in view.Forecast.AssetsOf<RenewableGenerator>())
        {
            var planned = plan?.OfType<RenewableDispatch>().FirstOrDefault(d => d.Asset == g.Id);
            var curtailed = new double[slots];
            var output = new double[slots];
            for (var t = 0; t < slots; t++)
            {
                var before = planned?.CurtailedKw[t] ?? 0.0;
                var available = Math.Max(0.0, g.AvailableKw[t] - before);
                var cut = Math.Min(left[t], available);
                left[t] -= cut;
                curtailed[t] = before + cut;
                output[t] = available - cut;
            }

            result.Add(new RenewableDispatch(g.Id, Id, g.Kind, output, curtailed));
        }

        return result;
    }
}
