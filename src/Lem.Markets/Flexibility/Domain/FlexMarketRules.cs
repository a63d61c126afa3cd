namespace Lem.Markets.Flexibility.Domain;

/// <summary>
/// The rules of a flexibility market (docs/mechanisms/flexibility.md#products-and-rules): the slot (ISP) length, the
/// minimum quantity and granularity of an offer and of an order, and how long before a slot the gate closes.
/// </summary>
public sealed record FlexMarketRules
{
    /// <summary>The default: 15-minute ISPs, no minimum, no granularity, gate closure at the slot start.</summary>
    public static FlexMarketRules Default { get; } = new();

    /// <summary>The length of a slot (imbalance settlement period) in minutes.</summary>
    public int IspMinutes { get; init; } = 15;

    /// <summary>The smallest quantity an offer may have (kW); 0 for none.</summary>
    public double MinimumQuantityKw { get; init; }

    /// <summary>Offered and ordered quantities are multiples of this (kW); 0 for continuous quantities.</summary>
    public double GranularityKw { get; init; }

    /// <summary>How long before the start of a slot the market closes for it.</summary>
    public TimeSpan GateClosureLead { get; init; }

    /// <summary>The single-sided penalty for under-delivery, EUR per MWh of the ordered quantity not delivered (docs/mechanisms/flexibility.md#settlement); 0 for none.</summary>
    public double PenaltyEurPerMwh { get; init; }

    /// <summary>The gate closure of a slot that starts at <paramref name="slotStart"/>.</summary>
    public DateTimeOffset GateClosure(DateTimeOffset slotStart) => slotStart - GateClosureLead;
}
