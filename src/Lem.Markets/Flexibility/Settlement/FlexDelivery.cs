namespace Lem.Markets.Flexibility.Settlement;

/// <summary>
/// The settlement of one ordered slot (docs/mechanisms/flexibility.md#settlement), in UFTP FlexSettlement terms.
/// </summary>
/// <param name="BaselineKw">The baseline net injection (kW; BaselinePower).</param>
/// <param name="OrderedKw">The ordered change in the order's direction (kW; OrderedFlexPower).</param>
/// <param name="ActualKw">The metered net injection (kW; ActualPower).</param>
/// <param name="DeliveredKw">min(ordered, max(0, d·(actual − baseline))) (kW; DeliveredFlexPower).</param>
/// <param name="ShortfallKw">Ordered minus delivered (kW; PowerDeficiency).</param>
/// <param name="PaymentEur">Delivered energy times the order's price (EUR).</param>
/// <param name="PenaltyEur">Shortfall energy times the penalty price (EUR; Penalty).</param>
public sealed record FlexDelivery(double BaselineKw, double OrderedKw, double ActualKw, double DeliveredKw, double ShortfallKw, decimal PaymentEur, decimal PenaltyEur)
{
    /// <summary>The availability (reservation) payment for the ordered power, paid whatever is delivered (EUR); 0 for products without one.</summary>
    public decimal AvailabilityEur { get; init; }

    /// <summary>Utilisation payment plus availability payment minus penalty (EUR; NetSettlement).</summary>
    public decimal NetEur => PaymentEur + AvailabilityEur - PenaltyEur;
}
