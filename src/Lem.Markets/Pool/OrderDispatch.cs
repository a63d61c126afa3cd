namespace Lem.Markets.Pool;

/// <summary>How much of each step of an order was accepted.</summary>
/// <param name="Order">The order.</param>
/// <param name="Participant">The participant that placed it.</param>
/// <param name="Side">Buy (bid) or sell (offer).</param>
/// <param name="Slot">The delivery slot.</param>
/// <param name="AcceptedKwh">Accepted energy per step in merit order (the order's <see cref="Order.Steps"/>), kWh.</param>
public sealed record OrderDispatch(OrderId Order, ParticipantId Participant, OrderSide Side, int Slot, IReadOnlyList<double> AcceptedKwh)
{
    /// <summary>The accepted energy over all steps, kWh.</summary>
    public double TotalAcceptedKwh => AcceptedKwh.Sum();
}
