namespace Lem.Markets.OrderBook;

/// <summary>A filter on the counterparty's location tag; both orders' filters must accept each other for a trade.</summary>
/// <param name="Mode">How the filter applies.</param>
/// <param name="Location">The location tag the filter refers to (ignored for <see cref="LocationFilterMode.Any"/>).</param>
public readonly record struct LocationFilter(LocationFilterMode Mode, int Location)
{
    /// <summary>The filter that accepts every counterparty.</summary>
    public static LocationFilter Any => default;

    /// <summary>Whether a counterparty with location tag <paramref name="counterpartyLocation"/> (0 = untagged) is acceptable.</summary>
    public bool Accepts(int counterpartyLocation) => Mode switch
    {
        LocationFilterMode.Only => counterpartyLocation == Location,
        LocationFilterMode.Exclude => counterpartyLocation != Location,
        _ => true,
    };
}
