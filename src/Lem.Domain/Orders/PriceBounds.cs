using Lem.Domain.Units;

namespace Lem.Domain.Orders;

/// <summary>The harmonised price limits for orders, as in the European day-ahead coupling (SDAC).</summary>
public static class PriceBounds
{
    /// <summary>The lowest admissible order price in EUR/MWh.</summary>
    public const decimal FloorEurPerMwh = -500m;

    /// <summary>The highest admissible order price in EUR/MWh.</summary>
    public const decimal CapEurPerMwh = 4000m;

    /// <summary>The lowest admissible order price, −500 EUR/MWh.</summary>
    public static Price Floor => Price.FromEurPerMwh((double)FloorEurPerMwh);

    /// <summary>The highest admissible order price, 4000 EUR/MWh.</summary>
    public static Price Cap => Price.FromEurPerMwh((double)CapEurPerMwh);
}
