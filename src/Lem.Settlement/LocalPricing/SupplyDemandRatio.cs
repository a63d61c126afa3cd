namespace Lem.Settlement.LocalPricing;

/// <summary>
/// Supply–demand-ratio pricing (Liu et al. 2017, "Energy-sharing model with price-based demand response for microgrids
/// of peer-to-peer prosumers", IEEE Transactions on Power Systems): with SDR = supply/demand, the sell price is
/// p_f·p_r / ((p_r − p_f)·SDR + p_f) for SDR ≤ 1 and p_f above; the buy price is SDR·p_sell + (1 − SDR)·p_r for SDR ≤ 1
/// and p_f above (docs/settlement.md#supply-demand-ratio).
/// </summary>
public sealed class SupplyDemandRatio : ILocalPriceRule
{
    /// <inheritdoc />
    public string Name => "sdr";

    /// <inheritdoc />
    public string Description => "Supply-demand ratio: the price falls from retail to feed-in as supply/demand rises to 1";

    /// <summary>The sell price at supply–demand ratio <paramref name="sdr"/> (≥ 0), EUR/MWh.</summary>
    /// <exception cref="ArgumentOutOfRangeException">When the ratio is negative or NaN, or the tariffs are not 0 ≤ p_f ≤ p_r.</exception>
    public static double SellPrice(double sdr, double retailEurPerMwh, double feedInEurPerMwh)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sdr);
        if (double.IsNaN(sdr))
        {
            throw new ArgumentOutOfRangeException(nameof(sdr), "The supply-demand ratio is not a number.");
        }

        LocalPriceChecks.Check(0, 0, retailEurPerMwh, feedInEurPerMwh);
        if (sdr >= 1)
        {
            return feedInEurPerMwh;
        }

        var denominator = ((retailEurPerMwh - feedInEurPerMwh) * sdr) + feedInEurPerMwh;
        // p_f = 0 at SDR = 0 leaves 0/0; the limit of the formula is p_r.
        return denominator > 0 ? feedInEurPerMwh * retailEurPerMwh / denominator : retailEurPerMwh;
    }

    /// <inheritdoc />
    public LocalSlotPrices Prices(double supplyKwh, double demandKwh, double retailEurPerMwh, double feedInEurPerMwh)
    {
        LocalPriceChecks.Check(supplyKwh, demandKwh, retailEurPerMwh, feedInEurPerMwh);
        if (supplyKwh >= demandKwh)
        {
            return new LocalSlotPrices(feedInEurPerMwh, feedInEurPerMwh);
        }

        var sdr = supplyKwh / demandKwh;
        var sell = SellPrice(sdr, retailEurPerMwh, feedInEurPerMwh);
        return new LocalSlotPrices((sdr * sell) + ((1 - sdr) * retailEurPerMwh), sell);
    }
}
