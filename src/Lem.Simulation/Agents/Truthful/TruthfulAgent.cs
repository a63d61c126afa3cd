using Lem.Markets.Assets;
using Lem.Markets.Pool;

namespace Lem.Simulation.Agents.Truthful;

/// <summary>
/// A truthful, price-taking agent (docs/simulation.md#agents). When the mechanism schedules assets it submits them as
/// they are (with its forecast series and carried states) together with its explicit orders: the mechanism then knows
/// its true costs and values. Otherwise it plans its flexible assets against the price forecast
/// (<see cref="SelfDispatch"/>) and submits, per slot, its planned net position as one order: a bid at its value
/// (the retail tariff, what the energy would cost it from its supplier) when it consumes, an offer at its marginal
/// cost (the lowest curtailment cost of its PV and wind, 0 without them) when it injects. Intraday it trades the
/// change of its forecast (intraday minus day-ahead) of PV and wind availability and of its loads at the same prices.
/// </summary>
/// <param name="id">The participant.</param>
public sealed class TruthfulAgent(ParticipantId id) : IMarketAgent, IPlanningAgent
{
    private Participant? _dayAheadForecast;

    /// <inheritdoc />
    public ParticipantId Id { get; } = id;

    /// <inheritdoc />
    public IReadOnlyList<AssetDispatch>? PlannedDispatch { get; private set; }

    /// <inheritdoc />
    public Participant DayAhead(AgentView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        _dayAheadForecast = view.Forecast;
        PlannedDispatch = null;
        if (view.MechanismSchedulesAssets)
        {
            return view.Forecast;
        }

        var p = view.Forecast;
        PlannedDispatch = SelfDispatch.Plan(p, view.Horizon, view.Outside, view.PriceForecastEurPerMwh);
        var net = new double[view.Horizon.Count];
        foreach (var a in p.Assets)
        {
            var planned = PlannedDispatch?.FirstOrDefault(d => d.Asset == a.Id);
            var kw = planned?.NetInjectionKw ?? Lem.Simulation.Delivery.AssetDelivery.Deliver(a, null, view.Horizon).NetInjectionKw;
            for (var t = 0; t < net.Length; t++)
            {
                net[t] += kw[t];
            }
        }

        var orders = new List<Order>(p.Orders);
        orders.AddRange(PositionOrders(p, view, net, "da"));
        return p with { Assets = [], Orders = orders };
    }

    /// <inheritdoc />
    public IReadOnlyList<Order> Intraday(AgentView view, IReadOnlyList<double> positionKw)
    {
        ArgumentNullException.ThrowIfNull(view);
        if (_dayAheadForecast is null)
        {
            return [];
        }

        var change = new double[view.Horizon.Count];
        foreach (var a in view.Forecast.Assets)
        {
            var before = _dayAheadForecast.Assets.FirstOrDefault(b => b.Id == a.Id);
            (SlotSeries? now, SlotSeries? then, double sign) = (a, before) switch
            {
                (RenewableGenerator r, RenewableGenerator r0) => (r.AvailableKw, r0.AvailableKw, 1.0),
                (InflexibleLoad l, InflexibleLoad l0) => (l.DemandKw, l0.DemandKw, -1.0),
                (CurtailableLoad c, CurtailableLoad c0) => (c.DemandKw, c0.DemandKw, -1.0),
                _ => (null, null, 0.0),
            };
            if (now is null || then is null)
            {
                continue;
            }

            for (var t = 0; t < change.Length; t++)
            {
                change[t] += sign * (now[t] - then[t]);
            }
        }

        return PositionOrders(view.Forecast, view, change, "id");
    }

    /// <summary>One order per slot for a net injection per slot: an offer at marginal cost when positive, a bid at the retail value when negative.</summary>
    private List<Order> PositionOrders(Participant p, AgentView view, double[] netKw, string stage)
    {
        var cost = p.Assets.OfType<RenewableGenerator>().Select(r => (decimal?)r.CurtailmentCost.EurPerMwh).Min() ?? 0m;
        cost = Math.Clamp(Math.Round(cost, 2), PriceBounds.FloorEurPerMwh, PriceBounds.CapEurPerMwh);
        var orders = new List<Order>();
        for (var t = 0; t < netKw.Length; t++)
        {
            var kwh = Math.Round((decimal)Math.Abs(netKw[t] * view.Horizon.SlotHours), 6);
            if (kwh <= 0)
            {
                continue;
            }

            var sell = netKw[t] > 0;
            var value = Math.Clamp(Math.Round((decimal)(view.Outside.RetailEurPerKwh[t] * 1000.0), 2), PriceBounds.FloorEurPerMwh, PriceBounds.CapEurPerMwh);
            var id = new OrderId(string.Create(CultureInfo.InvariantCulture, $"{Id.Value}.{stage}{view.Day}.{t}"));
            orders.Add(new Order(id, Id, sell ? OrderSide.Sell : OrderSide.Buy, t, sell ? cost : value, kwh));
        }

        return orders;
    }
}
