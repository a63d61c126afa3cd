namespace Lem.Markets.Auctions;

/// <summary>The orders of one call auction, over one or more delivery slots; each slot is cleared on its own.</summary>
public sealed class AuctionBook
{
    private readonly Dictionary<int, string> labels;

    /// <summary>Creates a book.</summary>
    /// <param name="orders">The orders; their ids must be unique.</param>
    /// <param name="slotLabels">Optional display labels of slot indices (for example the slot's start time); the index itself otherwise.</param>
    /// <exception cref="ArgumentException">When two orders share an id.</exception>
    public AuctionBook(IEnumerable<AuctionOrder> orders, IReadOnlyDictionary<int, string>? slotLabels = null)
    {
        ArgumentNullException.ThrowIfNull(orders);
        Orders = orders.ToList();
        var seen = new HashSet<OrderId>();
        foreach (var o in Orders)
        {
            if (!seen.Add(o.Id))
            {
                throw new ArgumentException($"The order id {o.Id} is used twice.", nameof(orders));
            }
        }

        Slots = Orders.Select(o => o.Slot).Distinct().Order().ToList();
        labels = slotLabels is null ? [] : new Dictionary<int, string>(slotLabels);
    }

    /// <summary>The orders, as given.</summary>
    public IReadOnlyList<AuctionOrder> Orders { get; }

    /// <summary>The slot indices that have at least one order, ascending.</summary>
    public IReadOnlyList<int> Slots { get; }

    /// <summary>The display label of a slot: its label when one was given, the index otherwise.</summary>
    public string SlotLabel(int slot) => labels.TryGetValue(slot, out var label) ? label : slot.ToString(CultureInfo.InvariantCulture);
}
