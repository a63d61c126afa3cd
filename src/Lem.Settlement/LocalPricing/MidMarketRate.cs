namespace Lem.Settlement.LocalPricing;

/// <summary>
/// The mid-market rate (Long et al. 2017, "Peer-to-peer energy trading in a community microgrid", IEEE PES GM):
/// locally matched energy at p_mm = (p_r + p_f)/2; the deficit is bought at retail and shared by the buyers, the
/// surplus sold at feed-in and shared by the sellers (docs/settlement.md#mid-market-rate).
/// </summary>
public sealed class MidMarketRate : ILocalPriceRule
{
    /// <inheritdoc />
    public string Name => "mmr";

    /// <inheritdoc />
    public string Description => "Mid-market rate: matched energy at (retail + feed-in)/2, the rest at retail or feed-in";

    /// <inheritdoc />
    public LocalSlotPrices Prices(double supplyKwh, double demandKwh, double retailEurPerMwh, double feedInEurPerMwh)
    {
        LocalPriceChecks.Check(supplyKwh, demandKwh, retailEurPerMwh, feedInEurPerMwh);
        var mid = 0.5 * (retailEurPerMwh + feedInEurPerMwh);
        if (supplyKwh <= demandKwh)
        {
            // Sellers are all matched; buyers pay the mid rate on the supply and retail on the deficit.
            var buy = demandKwh > 0 ? ((mid * supplyKwh) + (retailEurPerMwh * (demandKwh - supplyKwh))) / demandKwh : mid;
            return new LocalSlotPrices(buy, mid);
        }

        // Buyers are all matched; sellers receive the mid rate on the demand and feed-in on the surplus.
        var sell = ((mid * demandKwh) + (feedInEurPerMwh * (supplyKwh - demandKwh))) / supplyKwh;
        return new LocalSlotPrices(mid, sell);
    }
}
