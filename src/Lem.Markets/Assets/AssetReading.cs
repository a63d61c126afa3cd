namespace Lem.Markets.Assets;

/// <summary>What the kinds' readers share.</summary>
internal static class AssetReading
{
    /// <summary>The range of prices and costs in EUR/MWh.</summary>
    public static readonly NumberRange PriceRange = NumberRange.Between(-10_000, 100_000);

    /// <summary>The hours of the slots that lie entirely within [from, to).</summary>
    public static double HoursWithin(Horizon horizon, Instant from, Instant to)
    {
        var (first, end) = WindowedAssetModel.SlotsWithin(horizon, from, to);
        var hours = 0.0;
        for (var i = first; i < end; i++)
        {
            hours += horizon.Slots[i].Hours;
        }

        return hours;
    }

    /// <summary>
    /// Reads a store's <c>capacity_kwh</c> (required, positive) and then its <c>max_charge_kw</c> (required, in
    /// <paramref name="chargeRange"/>), as batteries and EVs have them.
    /// </summary>
    public static (double? CapacityKwh, double? MaxChargeKw) StoreLimits(ObjectReader r, NumberRange chargeRange) =>
        (r.Number("capacity_kwh", required: true, NumberRange.Positive, "kWh"), r.Number("max_charge_kw", required: true, chargeRange, "kW"));

    /// <summary>
    /// Reports <see cref="ValidationCodes.BoundsInverted"/> at <paramref name="lowField"/> when the lower bound
    /// <paramref name="low"/> is above the upper bound <paramref name="high"/> (nothing when either is missing).
    /// </summary>
    public static void CheckOrdered(ObjectReader r, string lowField, double? low, string highField, double? high) =>
        CheckNotAbove(r, lowField, low, highField, high, ValidationCodes.BoundsInverted);

    /// <summary>
    /// Reports <see cref="ValidationCodes.ValueOutOfRange"/> at <paramref name="field"/> when <paramref name="value"/> is
    /// above the limit <paramref name="limit"/> set by <paramref name="limitField"/> (nothing when either is missing).
    /// </summary>
    public static void CheckAtMost(ObjectReader r, string field, double? value, string limitField, double? limit) =>
        CheckNotAbove(r, field, value, limitField, limit, ValidationCodes.ValueOutOfRange);

    /// <summary>A number for messages: up to three decimals, invariant culture.</summary>
    public static string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>Formats a message in the invariant culture.</summary>
    public static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static void CheckNotAbove(ObjectReader r, string field, double? value, string limitField, double? limit, string code)
    {
        if (value > limit)
        {
            r.Diagnostics.Error(r.PathOf(field), code, $"{field} = {F(value!.Value)} is above {limitField} = {F(limit!.Value)}.");
        }
    }
}
