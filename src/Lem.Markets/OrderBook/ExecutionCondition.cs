namespace Lem.Markets.OrderBook;

/// <summary>The execution condition of an order (docs/order-book.md).</summary>
public enum ExecutionCondition
{
    /// <summary>No condition: partial fills allowed; a limit order's remainder rests.</summary>
    None,

    /// <summary>Immediate-or-cancel: fill what is possible at once, cancel the rest.</summary>
    ImmediateOrCancel,

    /// <summary>Fill-or-kill: the executable quantity is checked first; the order either fills in full at once or is killed without trading.</summary>
    FillOrKill,

    /// <summary>All-or-none: the order rests but executes only in full, as aggressor and as resting order.</summary>
    AllOrNone,
}
