using Lem.Markets.Clearing;
using Lem.Settlement.Billing;
using Lem.Settlement.Tariffs;

namespace Lem.Settlement.LocalPricing;

/// <summary>
/// Re-prices a clearing's schedule with a <see cref="ILocalPriceRule"/>: the quantities stay, each billed member's net
/// position in a slot is settled at the slot's buy price (net withdrawal) or sell price (net injection)
/// (docs/settlement.md#local-price-rules).
/// </summary>
public static class LocalRepricing
{
    /// <summary>
    /// The clearing with the billed members' position prices replaced by <paramref name="rule"/>'s prices; supply and
    /// demand of a slot are the sums of the members' net injections and net withdrawals; the tariffs are the energy
    /// parts of the retail and feed-in tariffs under <paramref name="settings"/> (<see cref="Bounds"/>). A slot whose
    /// charges leave the energy part of retail below that of feed-in is priced at feed-in and reported as a warning.
    /// </summary>
    /// <exception cref="ArgumentException">When the clearing is bilateral (its trades carry their own prices).</exception>
    public static ClearingResult Apply(ILocalPriceRule rule, MarketInput market, SettlementSettings settings, ClearingResult clearing)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(clearing);
        if (clearing.Bilateral || clearing.Trades.Count > 0)
        {
            throw new ArgumentException($"The {rule.Name} price rule prices net positions; a bilateral clearing is settled trade by trade.", nameof(clearing));
        }

        var members = SettlementRequest.BilledParticipants(market).Select(p => p.Id).ToHashSet();
        var bounds = Bounds(market, settings);
        var hours = market.Horizon.SlotHours;
        var slots = clearing.SlotCount;
        var prices = new LocalSlotPrices[slots];
        var inverted = new List<int>();
        for (var t = 0; t < slots; t++)
        {
            double supply = 0, demand = 0;
            foreach (var p in clearing.Positions.Where(p => members.Contains(p.Participant)))
            {
                var kwh = p.NetInjectionKw[t] * hours;
                supply += Math.Max(0, kwh);
                demand += Math.Max(0, -kwh);
            }

            var (retail, feedIn) = (bounds[t].RetailEurPerMwh, bounds[t].FeedInEurPerMwh);
            if (retail < feedIn)
            {
                inverted.Add(t);
                retail = feedIn;
            }

            prices[t] = rule.Prices(supply, demand, retail, feedIn);
        }

        var warnings = inverted.Count == 0
            ? clearing.Warnings
            : [.. clearing.Warnings, $"The {rule.Name} price rule: in {inverted.Count} slot(s) (first: {inverted[0]}) the charges on top of energy exceed the gap between retail and feed-in; those slots are priced at feed-in and a buyer can be worse off than on retail."];
        return clearing with
        {
            Positions = [.. clearing.Positions.Select(p => members.Contains(p.Participant) ? Reprice(p, prices) : p)],
            Warnings = warnings,
        };
    }

    /// <summary>
    /// The energy parts of the tariffs per slot (docs/settlement.md#the-baseline-and-the-charges-on-top): the
    /// retail tariff is all-in, so a buyer's energy price must leave room for the per-kWh charges the settlement adds
    /// (grid energy rate of the slot, levies, operator fee, then VAT); a seller pays the operator fee on what it sells.
    /// </summary>
    public static IReadOnlyList<LocalTariffBounds> Bounds(MarketInput market, SettlementSettings settings)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(settings);
        var grid = settings.Grid;
        var bands = SettlementEngine.Bands(market.Horizon, grid);
        var vat = 1m + (settings.Taxes.VatPercent / 100m);
        var fee = settings.OperatorFee.EurPerKwh;
        return [.. bands.Select((band, t) =>
        {
            var gridRate = band < 0 ? grid.VolumetricEurPerKwh : grid.TimeOfUse[band].EurPerKwh;
            var retail = (Exact.Of(market.OutsideMarket.RetailEurPerKwh[t], $"The retail tariff in slot {t}") / vat) - gridRate - settings.Taxes.LeviesEurPerKwh - fee;
            var feedIn = Exact.Of(market.OutsideMarket.FeedInEurPerKwh[t], $"The feed-in tariff in slot {t}") + fee;
            return new LocalTariffBounds((double)(1000m * retail), (double)(1000m * feedIn));
        })];
    }

    private static ClearingPosition Reprice(ClearingPosition position, LocalSlotPrices[] prices) =>
        position with
        {
            PriceEurPerMwh = [.. position.NetInjectionKw.Select((kw, t) => kw >= 0 ? prices[t].SellEurPerMwh : prices[t].BuyEurPerMwh)],
        };
}
