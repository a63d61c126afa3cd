using Lem.Domain.Participants;
using Lem.Markets.Clearing;
using Lem.Settlement.Billing;

namespace Lem.Settlement.LocalPricing;

/// <summary>
/// Re-prices a clearing's schedule with a <see cref="ILocalPriceRule"/>: the quantities stay, each billed member's net
/// position in a slot is settled at the slot's buy price (net withdrawal) or sell price (net injection)
/// (docs/mechanisms/community.md#local-price-rules).
/// </summary>
public static class LocalPricing
{
    /// <summary>
    /// The clearing with the billed members' position prices replaced by <paramref name="rule"/>'s prices; supply and
    /// demand of a slot are the sums of the members' net injections and net withdrawals; the tariffs are the outside
    /// market's retail and feed-in tariffs of the slot.
    /// </summary>
    /// <exception cref="ArgumentException">When the clearing is bilateral (its trades carry their own prices).</exception>
    public static ClearingResult Apply(ILocalPriceRule rule, MarketInput market, ClearingResult clearing)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(clearing);
        if (clearing.Bilateral || clearing.Trades.Count > 0)
        {
            throw new ArgumentException($"The {rule.Name} price rule prices net positions; a bilateral clearing is settled trade by trade.", nameof(clearing));
        }

        var members = SettlementRequest.BilledParticipants(market).Select(p => p.Id).ToHashSet();
        var hours = market.Horizon.SlotHours;
        var slots = clearing.SlotCount;
        var prices = new LocalSlotPrices[slots];
        for (var t = 0; t < slots; t++)
        {
            double supply = 0, demand = 0;
            foreach (var p in clearing.Positions.Where(p => members.Contains(p.Participant)))
            {
                var kwh = p.NetInjectionKw[t] * hours;
                supply += Math.Max(0, kwh);
                demand += Math.Max(0, -kwh);
            }

            prices[t] = rule.Prices(supply, demand, 1000 * market.OutsideMarket.RetailEurPerKwh[t], 1000 * market.OutsideMarket.FeedInEurPerKwh[t]);
        }

        return clearing with
        {
            Positions = [.. clearing.Positions.Select(p => members.Contains(p.Participant) ? Reprice(p, prices) : p)],
        };
    }

    private static ClearingPosition Reprice(ClearingPosition position, LocalSlotPrices[] prices) =>
        position with
        {
            PriceEurPerMwh = [.. position.NetInjectionKw.Select((kw, t) => kw >= 0 ? prices[t].SellEurPerMwh : prices[t].BuyEurPerMwh)],
        };
}
