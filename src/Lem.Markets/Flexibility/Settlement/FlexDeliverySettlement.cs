namespace Lem.Markets.Flexibility.Settlement;

/// <summary>
/// Settles delivered flexibility against the baseline (docs/mechanisms/flexibility.md#settlement): delivered =
/// min(ordered, max(0, d·(p^meter − p⁰))) per slot, paid at the order's price; the shortfall carries a single-sided
/// penalty (over-delivery earns nothing extra).
/// </summary>
public static class FlexDeliverySettlement
{
    /// <summary>Settles one order from the baseline and metered net injections of its slot (kW, injection positive).</summary>
    public static FlexDelivery Settle(FlexOrder order, double baselineKw, double meteredKw, double slotHours, double penaltyEurPerMwh)
    {
        ArgumentNullException.ThrowIfNull(order);
        var delivered = Math.Min(order.PowerKw, Math.Max(0, order.Offer.Direction.Sign() * (meteredKw - baselineKw)));
        return Line(order, baselineKw, meteredKw, delivered, slotHours, penaltyEurPerMwh);
    }

    /// <summary>
    /// The settlement line of one order of which <paramref name="deliveredKw"/> was delivered: utilisation at the order's
    /// price less the offer's availability price (docs/mechanisms/flexibility.md#settlement), the availability payment on
    /// the ordered power, and the penalty on the shortfall.
    /// </summary>
    internal static FlexDelivery Line(FlexOrder order, double baselineKw, double meteredKw, double deliveredKw, double slotHours, double penaltyEurPerMwh)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(slotHours);
        ArgumentOutOfRangeException.ThrowIfNegative(penaltyEurPerMwh);
        var ordered = order.PowerKw;
        var shortfall = ordered - deliveredKw;
        var availabilityPrice = order.Offer.AvailabilityEurPerMwPerHour;
        var payment = Math.Round((decimal)(deliveredKw / 1000 * slotHours) * (decimal)(order.PriceEurPerMwh - availabilityPrice), 6);
        var penalty = Math.Round((decimal)(shortfall / 1000 * slotHours) * (decimal)penaltyEurPerMwh, 6);
        var availability = Math.Round((decimal)(ordered / 1000 * slotHours) * (decimal)availabilityPrice, 6);
        return new FlexDelivery(baselineKw, ordered, meteredKw, deliveredKw, shortfall, payment, penalty) { AvailabilityEur = availability };
    }
}
