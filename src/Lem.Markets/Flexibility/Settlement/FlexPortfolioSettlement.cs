using Lem.Markets.Flexibility.Baselines;

namespace Lem.Markets.Flexibility.Settlement;

/// <summary>
/// Settles an FSP's orders against its metered portfolio (docs/mechanisms/flexibility.md#settlement): per FSP f and
/// slot t the delivered change is min(|O|, max(0, s·(p^meter − p⁰))) with O = Σ_k d_k P_k the net order and s its sign;
/// each order of the slot is credited the same share of its ordered power, then paid and penalised per
/// <see cref="FlexDeliverySettlement"/>. The baseline p⁰ comes from the market's baseline method.
/// </summary>
public static class FlexPortfolioSettlement
{
    /// <summary>Returns what is missing to settle the orders: an FSP the baseline method has no data for, or a slot without a meter reading.</summary>
    public static IReadOnlyList<string> Problems(FlexMarket market, IReadOnlyList<FlexOrder> orders, Func<ParticipantId, int, double?> meteredKw)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(orders);
        ArgumentNullException.ThrowIfNull(meteredKw);
        if (!FlexBaselines.TryGet(market.Baseline.Method, out var method))
        {
            return [$"'{market.Baseline.Method}' is not a baseline method; use one of {string.Join(", ", FlexBaselines.Names)}."];
        }

        var problems = new List<string>();
        foreach (var fsp in orders.Select(o => o.Offer.Fsp).Distinct())
        {
            if (method.Check(market, fsp) is { } problem)
            {
                problems.Add(problem);
            }
        }

        foreach (var (fsp, slot) in orders.Select(o => (o.Offer.Fsp, o.Slot)).Distinct())
        {
            if (meteredKw(fsp, slot) is null)
            {
                problems.Add($"FSP '{fsp}' has an order in slot {slot} but no meter reading for it.");
            }
        }

        return problems;
    }

    /// <summary>Settles the orders; call only when <see cref="Problems"/> is empty.</summary>
    /// <param name="market">The market (baseline method and data, rules with the penalty, slot length and times).</param>
    /// <param name="orders">The orders to settle.</param>
    /// <param name="meteredKw">The metered mean net injection of an FSP's portfolio in a slot (kW, injection positive).</param>
    public static FlexSettlementResult Settle(FlexMarket market, IReadOnlyList<FlexOrder> orders, Func<ParticipantId, int, double?> meteredKw)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(orders);
        ArgumentNullException.ThrowIfNull(meteredKw);
        if (Problems(market, orders, meteredKw) is [var first, ..])
        {
            throw new ArgumentException(first, nameof(orders));
        }

        FlexBaselines.TryGet(market.Baseline.Method, out var method);
        var baselines = orders.Select(o => o.Offer.Fsp).Distinct().ToDictionary(f => f, f => method.BaselineKw(market, f));
        var lines = new List<FlexOrderSettlement>();
        foreach (var group in orders.GroupBy(o => (o.Offer.Fsp, o.Slot)))
        {
            var (fsp, slot) = group.Key;
            var baseline = baselines[fsp][slot];
            var actual = meteredKw(fsp, slot)!.Value;
            var net = group.Sum(o => o.Offer.Direction.Sign() * o.PowerKw);
            var delivered = Math.Min(Math.Abs(net), Math.Max(0, Math.Sign(net) * (actual - baseline)));
            var share = net == 0 ? 1 : delivered / Math.Abs(net);
            lines.AddRange(group.Select(o => new FlexOrderSettlement(o, FlexDeliverySettlement.Line(o, baseline, actual, share * o.PowerKw, market.SlotHours, market.Rules.PenaltyEurPerMwh))));
        }

        lines.Sort((a, b) => a.Order.Slot != b.Order.Slot ? a.Order.Slot.CompareTo(b.Order.Slot) : string.CompareOrdinal(a.Order.Offer.Id, b.Order.Offer.Id));
        var statements = lines
            .GroupBy(l => (l.Order.Offer.Fsp, Month: Month(market, l.Order.Slot)))
            .OrderBy(g => g.Key.Fsp.Value, StringComparer.Ordinal).ThenBy(g => g.Key.Month, StringComparer.Ordinal)
            .Select(g => new FlexStatement(
                g.Key.Fsp,
                g.Key.Month,
                g.Count(),
                g.Sum(l => l.Delivery.OrderedKw) * market.SlotHours,
                g.Sum(l => l.Delivery.DeliveredKw) * market.SlotHours,
                g.Sum(l => l.Delivery.ShortfallKw) * market.SlotHours,
                g.Sum(l => l.Delivery.PaymentEur),
                g.Sum(l => l.Delivery.AvailabilityEur),
                g.Sum(l => l.Delivery.PenaltyEur)))
            .ToList();
        return new FlexSettlementResult(method.Name, lines, statements);
    }

    private static string Month(FlexMarket market, int slot) =>
        slot < market.SlotStarts.Count ? market.SlotStarts[slot].ToString("yyyy-MM", CultureInfo.InvariantCulture) : "slots";
}
