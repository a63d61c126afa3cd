namespace Lem.Server.Engine;

/// <summary>What became of an order; <see cref="OrderStatusNames"/> gives the wire names.</summary>
internal enum OrderStatus
{
    /// <summary><c>open</c>: resting in a book or waiting for the gate closure.</summary>
    Open,

    /// <summary><c>filled</c>: traded in full.</summary>
    Filled,

    /// <summary><c>cancelled</c>: cancelled by its owner (or by the book).</summary>
    Cancelled,

    /// <summary><c>expired</c>: still open at its slot's gate closure.</summary>
    Expired,

    /// <summary><c>rejected</c>: refused by the order book on arrival.</summary>
    Rejected,

    /// <summary><c>cleared</c>: accepted (in part or in full) by a pool clearing.</summary>
    Cleared,
}
