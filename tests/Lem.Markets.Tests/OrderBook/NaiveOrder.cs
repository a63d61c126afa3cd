using Lem.Domain.Orders;
using Lem.Markets.OrderBook;
using NodaTime;

namespace Lem.Markets.Tests.OrderBook;

/// <summary>A live order in the <see cref="NaiveOrderBook"/>: a plain mutable object, no handles or links.</summary>
internal sealed class NaiveOrder
{
    public required OrderKey Key { get; init; }

    public required OrderSide Side { get; init; }

    public required OrderType Type { get; init; }

    public required ExecutionCondition Condition { get; init; }

    public required OrderValidity Validity { get; init; }

    public required Instant Expiry { get; init; }

    public required long PeakLots { get; init; }

    public required int Location { get; init; }

    public required LocationFilter Filter { get; init; }

    /// <summary>The sequence number of the order's acceptance (ties between equal expiries go to the earlier order).</summary>
    public required long AcceptedSequence { get; init; }

    public long PriceTicks { get; set; }

    public long RemainingLots { get; set; }

    public long DisplayedLots { get; set; }

    public long Priority { get; set; }

    public RestingOrder ToResting() => new(Key, Side, PriceTicks, RemainingLots, DisplayedLots, PeakLots, Priority, Condition, Validity,
        Validity == OrderValidity.GoodTillDate ? Expiry : default, Location, Filter);
}
