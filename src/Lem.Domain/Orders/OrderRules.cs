namespace Lem.Domain.Orders;

/// <summary>
/// What a market admits in an order, checked by <see cref="OrderValidator"/>: the price band, the number of slots, the
/// tick and lot sizes, the largest quantity and the most steps. A null limit is not checked.
/// </summary>
public sealed record OrderRules
{
    /// <summary>The harmonised rules: prices within <see cref="PriceBounds"/>, any slot, no tick or lot.</summary>
    public static OrderRules Default { get; } = new();

    /// <summary>The lowest admissible price in EUR/MWh.</summary>
    public decimal MinPriceEurPerMwh { get; init; } = PriceBounds.FloorEurPerMwh;

    /// <summary>The highest admissible price in EUR/MWh.</summary>
    public decimal MaxPriceEurPerMwh { get; init; } = PriceBounds.CapEurPerMwh;

    /// <summary>The number of delivery slots (slots are 0 … count − 1); null = any non-negative slot.</summary>
    public int? SlotCount { get; init; }

    /// <summary>The price tick in EUR/MWh: every price must be a whole number of ticks; null = no tick.</summary>
    public decimal? TickSizeEurPerMwh { get; init; }

    /// <summary>The lot in kWh: every step's quantity must be a whole number of lots; null = no lot.</summary>
    public decimal? LotSizeKwh { get; init; }

    /// <summary>The largest quantity of one step in kWh; null = no limit.</summary>
    public decimal? MaxQuantityKwh { get; init; }

    /// <summary>The most steps an order may have; null = no limit.</summary>
    public int? MaxSteps { get; init; }
}
