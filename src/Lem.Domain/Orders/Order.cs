using Lem.Domain.Ids;

namespace Lem.Domain.Orders;

/// <summary>
/// The one order of the domain: a bid or an offer of one participant for one delivery slot as a stepwise price–quantity
/// curve, prices in EUR/MWh and quantities in kWh (see <see cref="PriceStep"/> for why decimal). Steps are held in merit
/// order: offers by ascending price, bids by descending price; steps at equal prices keep the order in which they were
/// given. Markets encode it in their own units (the book's ticks and lots, the server's JSON); every encoding goes
/// through <see cref="OrderValidator"/> (docs/auction-orders.md, docs/order-book.md).
/// </summary>
/// <remarks>
/// The constructor checks only the shape (at least one step, a non-negative slot); value rules (price bounds, positive
/// quantities, slot range, tick and lot conformity) belong to <see cref="OrderValidator"/>, which reports them as
/// <see cref="Validation.ValidationError"/>s with paths.
/// </remarks>
public sealed record Order
{
    /// <summary>Creates an order; the steps are put in merit order (stable for equal prices).</summary>
    /// <exception cref="ArgumentException">When there are no steps.</exception>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="slotIndex"/> is negative.</exception>
    public Order(OrderId id, ParticipantId owner, OrderSide side, int slotIndex, IEnumerable<PriceStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentOutOfRangeException.ThrowIfNegative(slotIndex);
        Id = id;
        Owner = owner;
        Side = side;
        SlotIndex = slotIndex;
        var list = steps.ToArray();
        if (list.Length == 0)
        {
            throw new ArgumentException($"Order {id} has no steps.", nameof(steps));
        }

        // A stable sort (OrderBy), so that steps at one price keep their given order (the auctions' tie-break); steps
        // already in merit order (a one-step order, most orders) are kept as given, which is what the stable sort returns.
        Steps = InMeritOrder(list, side) ? list : side == OrderSide.Sell ? [.. list.OrderBy(s => s.PriceEurPerMwh)] : [.. list.OrderByDescending(s => s.PriceEurPerMwh)];
    }

    private static bool InMeritOrder(PriceStep[] steps, OrderSide side)
    {
        for (var i = 1; i < steps.Length; i++)
        {
            var c = steps[i - 1].PriceEurPerMwh.CompareTo(steps[i].PriceEurPerMwh);
            if (side == OrderSide.Sell ? c > 0 : c < 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Creates a one-step order (a plain limit order).</summary>
    public Order(OrderId id, ParticipantId owner, OrderSide side, int slotIndex, decimal priceEurPerMwh, decimal quantityKwh)
        : this(id, owner, side, slotIndex, [new PriceStep(priceEurPerMwh, quantityKwh)])
    {
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
    public decimal TotalQuantityKwh => Steps.Sum(s => s.QuantityKwh);

    /// <summary>The same order with one step of <paramref name="priceEurPerMwh"/> and <paramref name="quantityKwh"/> (an amendment).</summary>
    public Order WithSingleStep(decimal priceEurPerMwh, decimal quantityKwh) => new(Id, Owner, Side, SlotIndex, priceEurPerMwh, quantityKwh);
}
