namespace Lem.Markets;

/// <summary>
/// How a uniform price is chosen when the balance leaves it indeterminate, i.e. when every price in an interval
/// [p_low, p_high] clears the market (docs/mechanisms/pool.md#prices-and-tie-rules).
/// </summary>
public enum PriceRule
{
    /// <summary>The middle of the interval, (p_low + p_high) / 2, as EUPHEMIA resolves price indeterminacy.</summary>
    Midpoint,

    /// <summary>
    /// The price of the marginal (last accepted) offer, which is the lower end p_low of the interval: a rejected bid
    /// above the last accepted offer raises the lower end, since that bid would otherwise want to buy.
    /// </summary>
    MarginalOrder,
}
