using Lem.Markets.Continuous;

namespace Lem.Simulation.Agents.ZeroIntelligence;

/// <summary>
/// A zero-intelligence trader (Gode and Sunder 1993; docs/agents.md#zero-intelligence-zi-c-and-zi): per slot it orders
/// its forecast net position (its self-consumption schedule, <see cref="AgentOrders.SelfConsumptionKw"/>) at a random
/// price — ZI-C: a buyer uniform in [floor, its value = the retail price], a seller uniform in [its cost = the feed-in
/// price or its curtailment cost, cap]; ZI: uniform in [floor, cap] whatever its value or cost
/// (<see cref="Lem.Markets.Continuous.ZeroIntelligence"/>). It always submits orders, never its assets.
/// </summary>
public sealed class ZeroIntelligenceAgent(Participant participant, AgentSettings settings, bool constrained) : IMarketAgent
{
    /// <inheritdoc />
    public ParticipantId Id => participant.Id;

    /// <summary>True for ZI-C (never trades at a loss), false for unconstrained ZI.</summary>
    public bool Constrained => constrained;

    /// <inheritdoc />
    public Participant DayAhead(AgentView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var position = AgentOrders.SelfConsumptionKw(view.Forecast, view.Horizon, view.Outside);
        return view.Forecast with { Assets = [], Orders = Orders(view, $"d{view.Day}-da", position) };
    }

    /// <inheritdoc />
    public IReadOnlyList<Order> Intraday(AgentView view, IReadOnlyList<double> positionKw)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(positionKw);
        var updated = AgentOrders.SelfConsumptionKw(view.Forecast, view.Horizon, view.Outside);
        var deviation = updated.Select((x, t) => x - (t < positionKw.Count ? positionKw[t] : 0.0)).ToArray();
        return Orders(view, $"d{view.Day}-id", deviation);
    }

    private IReadOnlyList<Order> Orders(AgentView view, string tag, IReadOnlyList<double> positionKw)
    {
        var slots = view.Horizon.Count;
        var value = AgentOrders.ValueEurPerMwh(view.Outside, slots);
        var cost = AgentOrders.CostEurPerMwh(view.Forecast, view.Outside, slots);
        return AgentOrders.FromPositions(Id, tag, positionKw, view.Horizon.SlotHours, (t, side) =>
        {
            var limit = side == OrderSide.Buy ? value[t] : cost[t];
            var price = Lem.Markets.Continuous.ZeroIntelligence.PriceEurPerMwh(side, limit, settings.PriceFloorEurPerMwh, settings.PriceCapEurPerMwh, constrained, view.Random.NextDouble());
            return Lem.Markets.Continuous.ZeroIntelligence.OnTick(price, side);
        });
    }
}
