namespace Lem.Markets.Continuous;

/// <summary>
/// Zero-intelligence prices (Gode and Sunder 1993; docs/agents.md#zero-intelligence-zi-c-and-zi): a constrained (ZI-C)
/// seller asks uniform in [its cost, cap] and a constrained buyer bids uniform in [floor, its value], so it never trades
/// at a loss; an unconstrained (ZI) trader draws uniform in [floor, cap] whatever its value or cost.
/// </summary>
public static class ZeroIntelligence
{
    /// <summary>
    /// The random limit price (EUR/MWh) of a trader on <paramref name="side"/> with value or cost
    /// <paramref name="limitEurPerMwh"/>, from a uniform number <paramref name="u"/> in [0, 1). When the constrained range
    /// is empty (a cost above the cap, a value below the floor) the limit itself is the price.
    /// </summary>
    public static double PriceEurPerMwh(OrderSide side, double limitEurPerMwh, double floorEurPerMwh, double capEurPerMwh, bool constrained, double u)
    {
        var (low, high) = !constrained ? (floorEurPerMwh, capEurPerMwh)
            : side == OrderSide.Sell ? (limitEurPerMwh, Math.Max(limitEurPerMwh, capEurPerMwh))
            : (Math.Min(limitEurPerMwh, floorEurPerMwh), limitEurPerMwh);
        return low + ((high - low) * u);
    }

    /// <summary>
    /// The price as a limit on the order book's tick: rounded in the trader's favour of caution (a ZI-C buyer down, a
    /// ZI-C seller up) so that rounding never turns a constrained order into a loss-making one.
    /// </summary>
    public static decimal OnTick(double priceEurPerMwh, OrderSide side) => ContinuousMechanism.OnTick((decimal)priceEurPerMwh, side);
}
