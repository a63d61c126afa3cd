using Lem.Domain.Ids;

namespace Lem.Domain.Orders;

/// <summary>
/// A bid or an offer for one delivery slot as a stepwise curve. Steps are held in merit order:
/// offers by ascending price, bids by descending price.
/// </summary>
public sealed record Order
{
    /// <summary>Creates an order; the steps are put in merit order.</summary>
    public Order(OrderId id, ParticipantId owner, OrderSide side, int slotIndex, IEnumerable<PriceStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentOutOfRangeException.ThrowIfNegative(slotIndex);
        Id = id;
        Owner = owner;
        Side = side;
        SlotIndex = slotIndex;
        var list = steps.ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException($"Order {id} has no steps.", nameof(steps));
        }

        list.Sort((a, b) => side == OrderSide.Sell ? a.Price.CompareTo(b.Price) : b.Price.CompareTo(a.Price));
        Steps = list;
    }

    /// <summary>The order's id.</summary>
    public OrderId Id { get; }

    /// <summary>The participant that placed the order.</summary>
    public ParticipantId Owner { get; }

    /// <summary>Buy (bid) or sell (offer).</summary>
    public OrderSide Side { get; }

    /// <summary>The index of the delivery slot in the horizon.</summary>
    public int SlotIndex { get; }

    /// <summary>The steps in merit order.</summary>
    public IReadOnlyList<PriceStep> Steps { get; }

    /// <summary>The total quantity over all steps in kWh.</summary>
    public double TotalQuantityKwh => Steps.Sum(s => s.Quantity.Kwh);
}
