using Lem.Markets.Assets;
using Lem.Markets.Distributed;
using Lem.Markets.Pool;
using Lem.Optimization;

namespace Lem.Simulation.Agents.Mpc;

/// <summary>
/// A model-predictive prosumer (HEMS; docs/agents.md#mpc-prosumer): at each call it solves its own LP over a rolling
/// horizon of <see cref="AgentSettings.HorizonHours"/> (at least the day) — its share of the pool model
/// (<see cref="PriceResponse"/>: batteries, EVs, heat pumps, flexible, curtailable and inflexible loads, PV) with its
/// forecast, buying at π^buy_t = min(λ_t, retail_t) and selling at π^sell_t = min(max(λ_t, feed-in_t), π^buy_t), where
/// λ is the price forecast (the retail and feed-in prices when there is none) — and commits the day's part of the plan.
/// Beyond the day the forecast and the prices are repeated (<see cref="AssetKind.Extended"/>). The storage states at
/// the start are those of <see cref="AgentView.Forecast"/> (the day loop carries them).
/// </summary>
/// <remarks>
/// Orders: the planned net import of a slot becomes a buy order limited at the retail price, a net export a sell order
/// limited at the feed-in price (or the curtailment cost when higher): the agent's alternatives, so it takes any local
/// price that beats them and otherwise falls back to the supplier as its plan assumed.
/// </remarks>
public sealed class MpcAgent(Participant participant, AgentSettings settings) : IMarketAgent, IPlanningAgent
{
    /// <inheritdoc />
    public ParticipantId Id => participant.Id;

    /// <inheritdoc />
    /// <remarks>The assets' part of the last plan (day-ahead, or intraday when the agent re-planned): the HEMS carries out the plan it committed to (docs/simulation.md#delivery).</remarks>
    public IReadOnlyList<AssetDispatch>? PlannedDispatch { get; private set; }

    /// <summary>The basis of the agent's last LP plan: the next plan starts from it (docs/agents.md#the-mpc-lp, "Warm start").</summary>
    private SimplexBasis? _basis;

    /// <summary>The agent's settings.</summary>
    public AgentSettings Settings { get; } = settings ?? throw new ArgumentNullException(nameof(settings));

    /// <summary>The number of slots of the rolling horizon for a day of <paramref name="day"/>: HorizonHours / Δt, at least the day's slots.</summary>
    public int HorizonSlots(Horizon day)
    {
        ArgumentNullException.ThrowIfNull(day);
        return Math.Max(day.Count, (int)Math.Round(Settings.HorizonHours / day.SlotHours));
    }

    /// <summary>The buy and sell prices per slot of the rolling horizon, EUR/MWh (see the class remarks).</summary>
    public (double[] Buy, double[] Sell) Prices(AgentView view, int slots)
    {
        ArgumentNullException.ThrowIfNull(view);
        var retail = AgentOrders.ValueEurPerMwh(view.Outside, slots);
        var feedIn = AgentOrders.CostEurPerMwh(view.Forecast with { Assets = [] }, view.Outside, slots);
        var lambda = view.PriceForecastEurPerMwh;
        var buy = new double[slots];
        var sell = new double[slots];
        for (var t = 0; t < slots; t++)
        {
            var (b, s) = lambda.Count == 0 ? (retail[t], feedIn[t]) : (Math.Min(lambda[t % lambda.Count], retail[t]), Math.Max(lambda[t % lambda.Count], feedIn[t]));
            buy[t] = b;
            sell[t] = Math.Min(s, b);
        }

        return (buy, sell);
    }

    /// <summary>The plan over the rolling horizon: the LP of the class summary solved with the view's forecast and prices.</summary>
    public PriceResponsePlan Plan(AgentView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var slots = HorizonSlots(view.Horizon);
        var horizon = slots == view.Horizon.Count ? view.Horizon
            : Horizon.Create(view.Horizon.Zone, view.Horizon.Start, view.Horizon.Start + (view.Horizon.SlotLength.Duration * slots), view.Horizon.SlotLength);
        var assets = view.Forecast.Assets.Select(a => AssetKinds.Of(a).Extended(a, slots)).ToList();
        var (buy, sell) = Prices(view, slots);
        var plan = PriceResponse.Plan(view.Forecast with { Assets = assets, Orders = [] }, horizon, buy, sell, _basis);
        _basis = plan.Basis ?? _basis;
        return plan;
    }

    /// <inheritdoc />
    public Participant DayAhead(AgentView view)
    {
        var plan = Checked(Plan(view));
        PlannedDispatch = plan.Assets;
        return view.Forecast with { Assets = [], Orders = Orders(view, $"d{view.Day}-da", plan.NetInjectionKw.Take(view.Horizon.Count).ToArray()) };
    }

    /// <inheritdoc />
    /// <remarks>Re-plans from the updated forecast (the day-ahead position is sunk: re-planning the net position at the same prices is planning the deviations) and orders plan − position.</remarks>
    public IReadOnlyList<Order> Intraday(AgentView view, IReadOnlyList<double> positionKw)
    {
        ArgumentNullException.ThrowIfNull(positionKw);
        var plan = Checked(Plan(view));
        PlannedDispatch = plan.Assets;
        var deviation = Enumerable.Range(0, view.Horizon.Count).Select(t => plan.NetInjectionKw[t] - (t < positionKw.Count ? positionKw[t] : 0.0)).ToArray();
        return Orders(view, $"d{view.Day}-id", deviation);
    }

    private PriceResponsePlan Checked(PriceResponsePlan plan) =>
        plan.IsOptimal ? plan : throw new InvalidOperationException($"MPC agent '{Id}': its plan ended {plan.Status} ({plan.Message}).");

    private IReadOnlyList<Order> Orders(AgentView view, string tag, IReadOnlyList<double> positionKw)
    {
        var slots = view.Horizon.Count;
        var value = AgentOrders.ValueEurPerMwh(view.Outside, slots);
        var cost = AgentOrders.CostEurPerMwh(view.Forecast, view.Outside, slots);
        return AgentOrders.FromPositions(Id, tag, positionKw, view.Horizon.SlotHours, (t, side) =>
            Lem.Markets.Continuous.ZeroIntelligence.OnTick(side == OrderSide.Buy ? value[t] : cost[t], side));
    }
}
