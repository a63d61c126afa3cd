namespace Lem.Domain.Orders;

/// <summary>Whether an order buys (a bid) or sells (an offer).</summary>
public enum OrderSide
{
    /// <summary>A bid: the participant wants to buy (withdraw) energy.</summary>
    Buy,

    /// <summary>An offer: the participant wants to sell (inject) energy.</summary>
    Sell,
}
