using FsCheck;
using FsCheck.Fluent;
using Lem.Domain.Orders;
using Lem.Markets.Auctions;

namespace Lem.Markets.Tests.Auctions;

/// <summary>A random call-auction book for property tests: a few orders over one or two slots, integer prices (many ties) and whole kWh.</summary>
public sealed record RandomBook(IReadOnlyList<RandomBook.Spec> Orders)
{
    /// <summary>One generated order: participant number, side, slot and steps (price EUR/MWh, kWh).</summary>
    public sealed record Spec(int Participant, OrderSide Side, int Slot, IReadOnlyList<(int Price, int Kwh)> Steps)
    {
        /// <inheritdoc />
        public override string ToString() => $"p{Participant} {Side} slot {Slot}: {string.Join(" ", Steps.Select(s => $"{s.Kwh}@{s.Price}"))}";
    }

    /// <summary>The book.</summary>
    public AuctionBook ToBook() => new(Orders.Select((o, i) => AuctionBooks.Order($"p{o.Participant}", o.Side, o.Slot, i, [.. o.Steps.Select(s => ((double)s.Price, (double)s.Kwh))])));

    /// <inheritdoc />
    public override string ToString() => string.Join("; ", Orders);

    /// <summary>The generator.</summary>
    public static Arbitrary<RandomBook> Arbitrary()
    {
        var step = Gen.Choose(0, 40).Zip(Gen.Choose(1, 12), (p, q) => (Price: p - 5, Kwh: q));
        var spec =
            from participant in Gen.Choose(1, 6)
            from side in Gen.Elements(OrderSide.Buy, OrderSide.Sell)
            from slot in Gen.Choose(0, 1)
            from n in Gen.Choose(1, 3)
            from steps in step.ListOf(n)
            select new Spec(participant, side, slot, steps.ToList());
        var book = from n in Gen.Choose(1, 10)
                   from orders in spec.ListOf(n)
                   select new RandomBook(orders.ToList());
        return Arb.From(book);
    }
}

/// <summary>Registers <see cref="RandomBook.Arbitrary"/> with FsCheck.</summary>
public static class RandomBookArbitrary
{
    /// <summary>The arbitrary random book.</summary>
    public static Arbitrary<RandomBook> Book() => RandomBook.Arbitrary();
}
