namespace Lem.Markets.OrderBook;

/// <summary>
/// Tells an <see cref="OrderIndex"/> the key of the live order behind a handle: the index keeps only a 32-bit
/// fingerprint of each key and checks a fingerprint match against the order itself.
/// </summary>
internal interface IOrderKeys
{
    /// <summary>Whether the live order <paramref name="handle"/> has the key <paramref name="key"/>.</summary>
    bool Holds(int handle, OrderKey key);
}
