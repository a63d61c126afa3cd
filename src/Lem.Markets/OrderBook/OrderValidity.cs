namespace Lem.Markets.OrderBook;

/// <summary>How long a resting order stays valid.</summary>
public enum OrderValidity
{
    /// <summary>Good for the session: expires when <see cref="OrderBook.EndSession"/> is called, or at gate closure.</summary>
    GoodForSession,

    /// <summary>Good till date: expires at its expiry instant, or at gate closure if that comes first.</summary>
    GoodTillDate,
}
