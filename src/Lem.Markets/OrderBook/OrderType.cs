namespace Lem.Markets.OrderBook;

/// <summary>Whether an order carries its own price limit or sweeps up to the product's maximum sweep price.</summary>
public enum OrderType
{
    /// <summary>A limit order: it trades at its limit price or better; the remainder rests unless its condition says otherwise.</summary>
    Limit,

    /// <summary>A market order: it sweeps up to the product's maximum (buy) or minimum (sell) sweep price; the remainder is cancelled.</summary>
    Market,
}
