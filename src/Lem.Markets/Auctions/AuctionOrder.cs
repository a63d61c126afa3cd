using Lem.Domain.Orders;
using NodaTime;

namespace Lem.Markets.Auctions;

/// <summary>
/// A multi-unit stepwise order in a call auction for one delivery slot. Ties between orders at equal prices are broken
/// by <see cref="Time"/> (earlier first; orders without a time after those with one), then by <see cref="Sequence"/>
/// (lower first), then by <see cref="Id"/> (ordinal).
/// </summary>
public sealed record AuctionOrder
{
    /// <summary>Creates an order.</summary>
    /// <exception cref="ArgumentException">
    /// When there are no steps, a price is not finite or outside <see cref="PriceBounds"/>, or a quantity is not finite
    /// and positive.
    /// </exception>
    public AuctionOrder(OrderId id, ParticipantId participant, OrderSide side, int slot, IEnumerable<AuctionStep> steps, Instant? time = null, long sequence = 0)
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentOutOfRangeException.ThrowIfNegative(slot);
        var list = steps.ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException($"Order {id} has no steps.", nameof(steps));
        }

        var floor = PriceBounds.Floor.EurPerMwh;
        var cap = PriceBounds.Cap.EurPerMwh;
        foreach (var s in list)
        {
            if (!double.IsFinite(s.PriceEurPerMwh) || s.PriceEurPerMwh < floor || s.PriceEurPerMwh > cap)
            {
                throw new ArgumentException($"Order {id}: the price {s.PriceEurPerMwh} EUR/MWh is outside [{floor}, {cap}].", nameof(steps));
            }

            if (!double.IsFinite(s.QuantityKwh) || s.QuantityKwh <= 0)
            {
                throw new ArgumentException($"Order {id}: the quantity {s.QuantityKwh} kWh must be finite and positive.", nameof(steps));
            }
        }

        Id = id;
        Participant = participant;
        Side = side;
        Slot = slot;
        Steps = list;
        Time = time;
        Sequence = sequence;
    }

    /// <summary>The order's id, unique in its book.</summary>
    public OrderId Id { get; }

    /// <summary>The participant that placed the order.</summary>
    public ParticipantId Participant { get; }

    /// <summary>Buy (bid) or sell (ask).</summary>
    public OrderSide Side { get; }

    /// <summary>The index of the delivery slot.</summary>
    public int Slot { get; }

    /// <summary>The steps, as given.</summary>
    public IReadOnlyList<AuctionStep> Steps { get; }

    /// <summary>When the order was submitted (time priority for ties); null when unknown.</summary>
    public Instant? Time { get; }

    /// <summary>The submission sequence number (lower first), the tie-break after <see cref="Time"/>.</summary>
    public long Sequence { get; }

    /// <summary>The total quantity over all steps in kWh.</summary>
    public double TotalQuantityKwh => Steps.Sum(s => s.QuantityKwh);
}
