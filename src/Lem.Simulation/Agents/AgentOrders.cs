using Lem.Markets.Assets;
using Lem.Markets.Distributed;

namespace Lem.Simulation.Agents;

/// <summary>
/// What the order-placing strategies share (docs/agents.md): a participant's outside alternatives per slot (retail
/// price for what it buys, feed-in price or its curtailment cost for what it sells), its self-consumption schedule, and
/// turning a net position per slot into one limit order per slot.
/// </summary>
public static class AgentOrders
{
    /// <summary>The orders' quantities are rounded to whole Wh (1e-3 kWh); smaller positions are not ordered.</summary>
    public const double MinimumKwh = 0.001;

    /// <summary>The value of consumption per slot, EUR/MWh: the supplier's retail price, the participant's alternative to buying locally.</summary>
    public static double[] ValueEurPerMwh(OutsideMarket outside, int slots)
    {
        ArgumentNullException.ThrowIfNull(outside);
        return [.. Enumerable.Range(0, slots).Select(t => 1000.0 * outside.RetailEurPerKwh[t % outside.RetailEurPerKwh.Count])];
    }

    /// <summary>
    /// The cost of production per slot, EUR/MWh: the feed-in price, the participant's alternative to selling locally, or
    /// its renewables' highest curtailment cost when that is higher (never above the retail price).
    /// </summary>
    public static double[] CostEurPerMwh(Participant participant, OutsideMarket outside, int slots)
    {
        ArgumentNullException.ThrowIfNull(participant);
        ArgumentNullException.ThrowIfNull(outside);
        var curtailment = participant.AssetsOf<RenewableGenerator>().Select(g => g.CurtailmentCost.EurPerMwh).DefaultIfEmpty(double.NegativeInfinity).Max();
        var value = ValueEurPerMwh(outside, slots);
        return [.. Enumerable.Range(0, slots).Select(t => Math.Min(value[t], Math.Max(1000.0 * outside.FeedInEurPerKwh[t % outside.FeedInEurPerKwh.Count], curtailment)))];
    }

    /// <summary>
    /// The participant's self-consumption schedule over <paramref name="horizon"/>: its assets planned against its
    /// outside alternatives (buy at the retail price, sell at the feed-in price; <see cref="PriceResponse"/>), the net
    /// injection per slot in kW. Storage, EVs and flexible loads thus follow the bill-minimising rule at the supplier's tariffs.
    /// </summary>
    /// <exception cref="InvalidOperationException">When the plan is not optimal (e.g. an EV requirement that cannot be met).</exception>
    public static IReadOnlyList<double> SelfConsumptionKw(Participant participant, Horizon horizon, OutsideMarket outside)
    {
        ArgumentNullException.ThrowIfNull(horizon);
        var buy = ValueEurPerMwh(outside, horizon.Count);
        var sell = CostEurPerMwh(participant with { Assets = [] }, outside, horizon.Count);
        var plan = PriceResponse.Plan(participant with { Orders = [] }, horizon, buy, sell);
        return plan.IsOptimal ? plan.NetInjectionKw : throw new InvalidOperationException($"Participant '{participant.Id}': its self-consumption plan ended {plan.Status} ({plan.Message}).");
    }

    /// <summary>
    /// One limit order per slot with a position: a buy order for a net withdrawal, a sell order for a net injection, of
    /// |position| × Δt kWh (rounded to Wh), at the price <paramref name="price"/> gives for the slot and side. Ids are
    /// <c>{owner}-{tag}-{slot}</c>.
    /// </summary>
    public static IReadOnlyList<Order> FromPositions(ParticipantId owner, string tag, IReadOnlyList<double> positionKw, double slotHours, Func<int, OrderSide, decimal> price)
    {
        ArgumentNullException.ThrowIfNull(positionKw);
        ArgumentNullException.ThrowIfNull(price);
        var orders = new List<Order>();
        for (var t = 0; t < positionKw.Count; t++)
        {
            var kwh = Math.Round(Math.Abs(positionKw[t]) * slotHours, 3, MidpointRounding.ToZero);
            if (kwh < MinimumKwh)
            {
                continue;
            }

            var side = positionKw[t] < 0 ? OrderSide.Buy : OrderSide.Sell;
            orders.Add(new Order(new OrderId($"{owner}-{tag}-{t}"), owner, side, t, price(t, side), (decimal)kwh));
        }

        return orders;
    }
}
