namespace Lem.Markets.Auctions;

/// <summary>
/// A domain <see cref="Domain.Orders.Order"/> in a call auction with its time priority: ties between orders at equal
/// prices are broken by <see cref="Time"/> (earlier first; orders without a time after those with one), then by
/// <see cref="Sequence"/> (lower first), then by <see cref="Id"/> (ordinal).
/// </summary>
public sealed record AuctionOrder
{
    /// <summary>Wraps a valid order (under <see cref="OrderRules.Default"/>) with its time priority.</summary>
    /// <exception cref="ArgumentException">
    /// When <see cref="OrderValidator"/> finds a problem: a price outside <see cref="PriceBounds"/> or a quantity that is
    /// not positive.
    /// </exception>
    public AuctionOrder(Order order, Instant? time = null, long sequence = 0)
    {
        ArgumentNullException.ThrowIfNull(order);
        var errors = OrderValidator.Validate(order, OrderRules.Default);
        if (errors.Count > 0)
        {
            throw new ArgumentException($"Order {order.Id}: {string.Join("; ", errors)}", nameof(order), new ValidationException(errors));
        }

        Order = order;
        Time = time;
        Sequence = sequence;
    }

    /// <summary>The order.</summary>
    public Order Order { get; }

    /// <summary>The order's id, unique in its book.</summary>
    public OrderId Id => Order.Id;

    /// <summary>The participant that placed the order.</summary>
    public ParticipantId Participant => Order.Owner;

    /// <summary>Buy (bid) or sell (ask).</summary>
    public OrderSide Side => Order.Side;

    /// <summary>The index of the delivery slot.</summary>
    public int Slot => Order.SlotIndex;

    /// <summary>The steps in merit order.</summary>
    public IReadOnlyList<PriceStep> Steps => Order.Steps;

    /// <summary>When the order was submitted (time priority for ties); null when unknown.</summary>
    public Instant? Time { get; }

    /// <summary>The submission sequence number (lower first), the tie-break after <see cref="Time"/>.</summary>
    public long Sequence { get; }

    /// <summary>The total quantity over all steps in kWh.</summary>
    public decimal TotalQuantityKwh => Order.TotalQuantityKwh;
}
