namespace Lem.Markets.Auctions;

/// <summary>How the uniform-price auction picks its price in the market-clearing interval [p_low, p_high] (docs/mechanisms/auctions.md#uniform-price-k-double-auction).</summary>
public enum UniformPriceRule
{
    /// <summary>The k-double auction: p = p_low + k (p_high − p_low), k ∈ [0, 1]; k = ½ is the midpoint rule of §1.</summary>
    KDouble,

    /// <summary>The marginal order's price: the lower end p_low, as <see cref="PriceRule.MarginalOrder"/> in the pool.</summary>
    MarginalOrder,
}
