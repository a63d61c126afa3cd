namespace Lem.Settlement.Tariffs;

/// <summary>How imbalances (metered minus scheduled energy) are priced.</summary>
public enum SettlementImbalanceRule
{
    /// <summary>One price for both directions: the imbalance reference price.</summary>
    Single,

    /// <summary>
    /// Two prices: a participant that is short (took more or fed in less than scheduled) pays the higher of the reference
    /// price and its own settlement price; one that is long receives the lower of the two.
    /// </summary>
    Dual,
}
