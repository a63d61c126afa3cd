namespace Lem.Markets.OrderBook;

/// <summary>What happens when an incoming order would trade against a resting order of the same participant.</summary>
public enum SelfTradePrevention
{
    /// <summary>The incoming (newest) order's remainder is cancelled; the resting order stays.</summary>
    CancelNewest,

    /// <summary>The resting (oldest) order is cancelled and matching continues.</summary>
    CancelOldest,
}
