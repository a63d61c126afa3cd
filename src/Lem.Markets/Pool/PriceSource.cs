namespace Lem.Markets.Pool;

/// <summary>Where the prices of a slot come from.</summary>
public enum PriceSource
{
    /// <summary>The duals of the formulation's balance constraints (LP duals; the LMPs of a grid formulation).</summary>
    Dual,

    /// <summary>
    /// The merit-order interval of a slot that nothing couples to other slots, with the tie rules applied
    /// (copper plate only; docs/mechanisms/pool.md#prices-and-tie-rules).
    /// </summary>
    TieRule,

    /// <summary>No price: the pool did not clear.</summary>
    None,
}
