using Lem.Markets.Clearing;
using Lem.Markets.Tariffs;
using Lem.Settlement.Billing;

namespace Lem.Settlement.Tariffs;

/// <summary>
/// The settlement's per-meter charges as the clearing sees them (docs/settlement.md#tariff-aware-clearing): for every
/// billed participant with assets or orders, the charges the invoice would compute from its net position, converted
/// to EUR/MWh and EUR/kW.
/// </summary>
public static class ClearingTariffs
{
    /// <summary>
    /// The tariff cost of each billed participant with assets or orders: withdrawal ω_t = 1000·(grid energy rate of the
    /// slot's band, unless net-metered, + levies + operator fee), injection ξ_t = 1000·operator fee, net-metered bands,
    /// capacity excess over the subscription, measured peak; empty when nothing is charged per meter.
    /// </summary>
    public static IReadOnlyDictionary<ParticipantId, TariffCost> ForScenario(MarketInput scenario, SettlementSettings settings)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(settings);
        var grid = settings.Grid;
        var bands = SettlementEngine.Bands(scenario.Horizon, grid);
        decimal RateOf(int band) => band < 0 ? grid.VolumetricEurPerKwh : grid.TimeOfUse[band].EurPerKwh;
        var fee = settings.OperatorFee.EurPerKwh;
        var withdrawal = bands.Select(b => 1000.0 * (double)((grid.NetMetering ? 0m : RateOf(b)) + settings.Taxes.LeviesEurPerKwh + fee)).ToArray();
        var injection = bands.Select(_ => 1000.0 * (double)fee).ToArray();
        var netBands = grid.NetMetering
            ? Enumerable.Range(-1, grid.TimeOfUse.Count + 1)
                .Where(b => RateOf(b) > 0 && bands.Contains(b))
                .Select(b => new TariffNetBand([.. Enumerable.Range(0, bands.Length).Where(t => bands[t] == b)], 1000.0 * (double)RateOf(b)))
                .ToList()
            : [];
        var billed = SettlementRequest.BilledParticipants(scenario).Select(b => b.Id).ToHashSet();
        var costs = new Dictionary<ParticipantId, TariffCost>();
        foreach (var p in scenario.Participants.Where(p => billed.Contains(p.Id) && (p.Assets.Count > 0 || p.Orders.Count > 0)))
        {
            var cost = new TariffCost
            {
                WithdrawalEurPerMwh = withdrawal,
                InjectionEurPerMwh = injection,
                NetBands = netBands,
                ExcessEurPerKw = (double)(grid.Capacity?.ExcessEurPerKw ?? 0m),
                SubscribedKw = grid.Capacity?.SubscribedKw(p.Id) ?? 0.0,
                PeakEurPerKw = (double)grid.MeasuredPeakEurPerKw,
            };
            if (!cost.IsZero)
            {
                costs[p.Id] = cost;
            }
        }

        return costs;
    }
}
