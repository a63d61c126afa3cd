namespace Lem.Markets.OrderBook;

/// <summary>Identifies an order within a book: the participant's number and its client order id.</summary>
/// <param name="Participant">The participant's number (the friendly layer maps participant ids to numbers).</param>
/// <param name="ClientOrderId">The participant's own order id, unique among its live orders in the book.</param>
public readonly record struct OrderKey(int Participant, long ClientOrderId)
{
    /// <inheritdoc />
    public override string ToString() => $"{Participant}/{ClientOrderId}";
}
