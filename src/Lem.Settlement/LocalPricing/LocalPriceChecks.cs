namespace Lem.Settlement.LocalPricing;

/// <summary>The argument checks shared by the local price rules.</summary>
internal static class LocalPriceChecks
{
    /// <summary>Throws when a quantity is negative or not finite, or the tariffs are not 0 ≤ p_f ≤ p_r.</summary>
    public static void Check(double supplyKwh, double demandKwh, double retailEurPerMwh, double feedInEurPerMwh)
    {
        if (!double.IsFinite(supplyKwh) || supplyKwh < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(supplyKwh), supplyKwh, "The supply must be a finite, non-negative energy.");
        }

        if (!double.IsFinite(demandKwh) || demandKwh < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(demandKwh), demandKwh, "The demand must be a finite, non-negative energy.");
        }

        if (!double.IsFinite(retailEurPerMwh) || !double.IsFinite(feedInEurPerMwh) || feedInEurPerMwh < 0 || feedInEurPerMwh > retailEurPerMwh)
        {
            throw new ArgumentOutOfRangeException(nameof(feedInEurPerMwh), feedInEurPerMwh, $"The rules need 0 <= feed-in <= retail; got feed-in {feedInEurPerMwh} and retail {retailEurPerMwh} EUR/MWh.");
        }
    }
}
