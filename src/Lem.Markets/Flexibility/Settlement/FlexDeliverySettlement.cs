using Lem.Markets.Flexibility.Clearing;
using Lem.Markets.Flexibility.Domain;

namespace Lem.Markets.Flexibility.Settlement;

/// <summary>
/// Settles delivered flexibility against the baseline (docs/mechanisms/flexibility.md#settlement-example): delivered =
/// min(ordered, max(0, d·(p^meter − p⁰))) per slot, paid at the order's price; the shortfall carries a single-sided
/// penalty (over-delivery earns nothing extra).
/// </summary>
public static class FlexDeliverySettlement
{
    /// <summary>Settles one order from the baseline and metered net injections of its slot (kW, injection positive).</summary>
    public static FlexDelivery Settle(FlexOrder order, double baselineKw, double meteredKw, double slotHours, double penaltyEurPerMwh)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(slotHours);
        ArgumentOutOfRangeException.ThrowIfNegative(penaltyEurPerMwh);
        var ordered = order.PowerKw;
        var delivered = Math.Min(ordered, Math.Max(0, order.Offer.Direction.Sign() * (meteredKw - baselineKw)));
        var shortfall = ordered - delivered;
        var payment = Math.Round((decimal)(delivered / 1000 * slotHours) * (decimal)order.PriceEurPerMwh, 6);
        var penalty = Math.Round((decimal)(shortfall / 1000 * slotHours) * (decimal)penaltyEurPerMwh, 6);
        return new FlexDelivery(baselineKw, ordered, meteredKw, delivered, shortfall, payment, penalty);
    }
}
