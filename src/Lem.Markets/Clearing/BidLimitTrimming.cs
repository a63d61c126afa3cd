namespace Lem.Markets.Clearing;

/// <summary>
/// Bid limits on explicit orders (docs/mechanisms/redispatch.md#bid-limits): per participant and slot the offered
/// quantity is cut to the injection cap × Δt and the bid quantity to the withdrawal cap × Δt, the steps in merit order
/// kept first (offers from the lowest price up, bids from the highest price down); orders left without quantity are
/// dropped. Whatever trades, a participant's net injection then never exceeds its caps.
/// </summary>
public static class BidLimitTrimming
{
    /// <summary>The market with every capped participant's orders trimmed and no bid limits left (the same object without limits).</summary>
    public static MarketInput Apply(MarketInput market)
    {
        ArgumentNullException.ThrowIfNull(market);
        if (market.BidLimits is not { } limits)
        {
            return market;
        }

        var hours = (decimal)market.Horizon.SlotHours;
        var participants = market.Participants
            .Select(p => limits.Caps(p.Id) && p.Orders.Count > 0 ? p with { Orders = Trim(p.Orders, limits, p.Id, hours) } : p)
            .ToList();
        return market with { Participants = participants, BidLimits = null };
    }

    private static List<Order> Trim(IReadOnlyList<Order> orders, BidLimits limits, ParticipantId who, decimal hours)
    {
        var kept = new Dictionary<OrderId, List<PriceStep>>();
        foreach (var group in orders.GroupBy(o => (o.SlotIndex, o.Side)))
        {
            var (slot, side) = group.Key;
            var capKw = side == OrderSide.Sell ? limits.MaxInjectionKw(who, slot) : limits.MaxWithdrawalKw(who, slot);
            var leftKwh = double.IsPositiveInfinity(capKw) ? decimal.MaxValue : (decimal)Math.Max(0, capKw) * hours;

            // Steps of all the participant's orders of this slot and side in merit order; ties keep the input order.
            var steps = group.SelectMany((o, i) => o.Steps.Select((s, j) => (Order: o.Id, Step: s, Rank: (i, j))));
            steps = side == OrderSide.Sell
                ? steps.OrderBy(x => x.Step.PriceEurPerMwh).ThenBy(x => x.Rank)
                : steps.OrderByDescending(x => x.Step.PriceEurPerMwh).ThenBy(x => x.Rank);
            foreach (var (id, step, _) in steps.ToList())
            {
                var take = Math.Min(step.QuantityKwh, leftKwh);
                leftKwh -= take;
                if (!kept.TryGetValue(id, out var list))
                {
                    kept[id] = list = [];
                }

                if (take > 0)
                {
                    list.Add(step with { QuantityKwh = take });
                }
            }
        }

        return [.. orders.Where(o => kept[o.Id].Count > 0).Select(o => new Order(o.Id, o.Owner, o.Side, o.SlotIndex, kept[o.Id]))];
    }
}
